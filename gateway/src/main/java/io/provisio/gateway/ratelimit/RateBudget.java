package io.provisio.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.provisio.gateway.config.GatewayProperties;

/**
 * One budget (requests per refill period) kept separately for every key: a partner, a client id or a client
 * address. Keys are held in a bounded cache, so a flood of made-up client ids or addresses costs a bounded
 * amount of memory; a key forgotten after being idle for a whole period loses nothing, since its budget would
 * have been refilled anyway.
 */
final class RateBudget {

    /** One key's limiter, and the budget it belongs to (for the refusal's Retry-After). */
    record Limit(RateBudget budget, RateLimiter limiter) {

        boolean tryAcquire() {
            return limiter.acquirePermission();
        }

        int remaining() {
            return Math.max(0, limiter.getMetrics().getAvailablePermissions());
        }
    }

    private final String name;
    private final RateLimiterConfig config;
    private final Cache<String, RateLimiter> limiters;
    private final String retryAfterSeconds;

    RateBudget(String name, GatewayProperties.Budget budget, int maxKeys) {
        this.name = name;
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(budget.limitForPeriod())
                .limitRefreshPeriod(budget.limitRefreshPeriod())
                // Never park a request waiting for a permit: over the limit is answered at once.
                .timeoutDuration(Duration.ZERO)
                .build();
        this.limiters = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(budget.limitRefreshPeriod().compareTo(Duration.ofMinutes(1)) > 0
                        ? budget.limitRefreshPeriod() : Duration.ofMinutes(1))
                .build();
        this.retryAfterSeconds = String.valueOf(wholeSecondsAtLeastOne(budget.limitRefreshPeriod()));
    }

    Limit limitFor(String key) {
        return new Limit(this, limiters.get(key, k -> RateLimiter.of(name, config)));
    }

    /** When a refused caller may try again: the refill period in whole seconds, at least 1. */
    String retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static long wholeSecondsAtLeastOne(Duration period) {
        long seconds = period.toSeconds() + (period.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}
