package io.provisio.gateway.ratelimit;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.provisio.gateway.config.GatewayProperties;
import reactor.core.publisher.Mono;

/**
 * A budget this replica keeps alone, in memory: one Resilience4j limiter per key, refilled whole at every period.
 * Keys are held in a bounded cache, so a flood of made-up client ids or addresses costs a bounded amount of
 * memory; a key forgotten after being idle for a whole period loses nothing, since its budget would have been
 * refilled anyway.
 */
final class LocalRateBudget implements RateBudget {

    private final String name;
    private final GatewayProperties.Budget limits;
    private final RateLimiterConfig config;
    private final Cache<String, RateLimiter> limiters;

    LocalRateBudget(String name, GatewayProperties.Budget limits, int maxKeys) {
        this.name = name;
        this.limits = limits;
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(limits.limitForPeriod())
                .limitRefreshPeriod(limits.limitRefreshPeriod())
                // Never park a request waiting for a permit: over the limit is answered at once.
                .timeoutDuration(Duration.ZERO)
                .build();
        this.limiters = Caffeine.newBuilder()
                .maximumSize(maxKeys)
                .expireAfterAccess(limits.limitRefreshPeriod().compareTo(Duration.ofMinutes(1)) > 0
                        ? limits.limitRefreshPeriod() : Duration.ofMinutes(1))
                .build();
    }

    @Override
    public Mono<Permit> tryAcquire(String key) {
        return Mono.just(tryAcquireNow(key));
    }

    /** The same, answered on the calling thread (it never blocks). */
    Permit tryAcquireNow(String key) {
        RateLimiter limiter = limiters.get(key, k -> RateLimiter.of(name, config));
        boolean allowed = limiter.acquirePermission();
        return new Permit(allowed, Math.max(0, limiter.getMetrics().getAvailablePermissions()));
    }

    @Override
    public GatewayProperties.Budget limits() {
        return limits;
    }
}
