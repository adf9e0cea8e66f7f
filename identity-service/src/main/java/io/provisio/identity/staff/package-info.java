/**
 * Partner staff: the people who sign in to the console (authorization code + PKCE, ADR 024). Their accounts, the
 * sign-in and sign-out pages, the throttle on failed sign-ins, and the console's registered public client.
 */
package io.provisio.identity.staff;
