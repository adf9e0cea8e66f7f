/** A customer's users and support contacts, and the rules that shape a new administrator; no Spring or MongoDB here. */
package io.provisio.identity.user.domain;
