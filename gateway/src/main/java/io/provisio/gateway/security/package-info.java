/** Token validation at the edge: only verified partner tokens reach /api, and they are relayed unchanged. */
package io.provisio.gateway.security;
