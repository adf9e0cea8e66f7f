package io.provisio.gateway.ratelimit;

import java.time.Duration;

import io.provisio.gateway.config.GatewayProperties;
import reactor.core.publisher.Mono;

/**
 * One budget (requests per refill period) kept separately for every key: a partner, a client id or a client
 * address. Kept by this replica alone ({@link LocalRateBudget}) or shared by every replica through Redis
 * ({@link SharedRateBudget}); both answer the same, so a client cannot tell which it met.
 */
interface RateBudget {

    /** Whether one more request was let through, and how many more this key may make before the next refill. */
    record Permit(boolean allowed, long remaining) {
    }

    /** Takes one request from {@code key}'s budget. Never waits for a refill: over the limit is answered at once. */
    Mono<Permit> tryAcquire(String key);

    /** The limit and period this budget keeps. */
    GatewayProperties.Budget limits();

    /** When a refused caller may try again: the refill period in whole seconds, at least 1. */
    default String retryAfterSeconds() {
        Duration period = limits().limitRefreshPeriod();
        long seconds = period.toSeconds() + (period.toNanosPart() > 0 ? 1 : 0);
        return String.valueOf(Math.max(1, seconds));
    }
}
