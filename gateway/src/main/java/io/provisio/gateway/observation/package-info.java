/** What the gateway's traces say about a proxied call, and what they must not (a query string's secrets). */
package io.provisio.gateway.observation;
