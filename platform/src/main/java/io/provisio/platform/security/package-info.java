/**
 * Every service validates the partner's JWT itself and takes the partner id only from it
 * (ARCHITECTURE.md, "Security"); 401 and 403 are problem+json.
 */
package io.provisio.platform.security;
