/** Who may call identity-service's own API: partner tokens it issued itself, verified locally. */
package io.provisio.identity.security;
