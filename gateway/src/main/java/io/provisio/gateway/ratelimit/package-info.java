/** Per-partner request budgets, so one partner cannot starve the others. */
package io.provisio.gateway.ratelimit;
