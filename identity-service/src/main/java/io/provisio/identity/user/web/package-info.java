/** The partner API for a customer's users and support contacts, scoped by the token's partner. */
package io.provisio.identity.user.web;
