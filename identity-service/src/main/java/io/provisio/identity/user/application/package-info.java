/** What the partner API and the saga do with users, activation links and contacts: rules, then one atomic write each. */
package io.provisio.identity.user.application;
