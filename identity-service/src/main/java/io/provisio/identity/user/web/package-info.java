/** The partner API for a customer's users and support contacts, scoped by the token's partner, and the activation link's target. */
package io.provisio.identity.user.web;
