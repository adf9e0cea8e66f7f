/** The gateway's typed settings: backend addresses, token verification, rate limits. */
package io.provisio.gateway.config;
