package io.provisio.gateway.ratelimit;

import io.provisio.gateway.config.GatewayProperties;

/** Makes the budgets, all kept in one place: this replica's memory, or Redis (see {@link RateBudgetConfiguration}). */
@FunctionalInterface
interface RateBudgets {

    RateBudget budget(String name, GatewayProperties.Budget limits);
}
