/**
 * The console's sign-in: the login and sign-out pages and their security chain, the staff authentication with its
 * throttle, the authorization endpoint's chain, and the {@code provisio-console} public client (ADR 024).
 */
package io.provisio.identity.staff.signin;
