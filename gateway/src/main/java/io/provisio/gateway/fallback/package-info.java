/** What a caller sees when a backend's circuit is open or the backend does not answer. */
package io.provisio.gateway.fallback;
