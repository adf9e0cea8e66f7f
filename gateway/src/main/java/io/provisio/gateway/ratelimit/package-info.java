/** Request budgets per partner, per client id at the token endpoint and per client address, so no one caller starves the others. */
package io.provisio.gateway.ratelimit;
