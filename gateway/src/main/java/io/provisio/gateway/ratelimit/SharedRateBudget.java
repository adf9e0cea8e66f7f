package io.provisio.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

import io.provisio.gateway.config.GatewayProperties;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * A budget every gateway replica shares, kept in Redis by Spring Cloud Gateway's {@link RedisRateLimiter} (a
 * token bucket updated atomically by one Lua script, with the time taken from Redis, so the replicas' clocks do
 * not matter).
 *
 * <p>A budget of L requests per period of P seconds is a bucket of L × P tokens, refilled by L tokens a second,
 * where each request takes P tokens: L requests at once, then one more every P / L seconds, L per P on average.
 * Locally the same budget is a window refilled whole every period; both let L through per period and the same
 * burst of L. The script counts time in Redis's whole seconds, so a shared period must be whole seconds (checked
 * at start). For a 1 s period the two are the same. For longer ones the shared budget gives a request back
 * every P / L seconds instead of all of them at the period's end; Retry-After stays the period, the longest
 * wait.
 *
 * <p>When Redis does not answer (down, unreachable, timed out), the limiter lets the request through with
 * -1 tokens left, which no real count can be. That request is then decided by this replica's own budget
 * for the key ({@code fallback}): while Redis is away each replica limits as it did before there was Redis,
 * never unlimited and never refusing everyone.
 */
final class SharedRateBudget implements RateBudget {

    private final RedisRateLimiter redis;
    private final String id;
    private final long tokensPerRequest;
    private final LocalRateBudget fallback;
    private final SharedBudgetOutages outages;

    /**
     * @param id the budget's name in Redis: each key's two entries are
     *           {@code request_rate_limiter.{<id>.<key>}.tokens} and {@code ….timestamp}, expiring after two
     *           periods idle
     */
    SharedRateBudget(String id, LocalRateBudget fallback, ReactiveStringRedisTemplate redis,
            RedisScript<List<Long>> script, ConfigurationService configurations, SharedBudgetOutages outages) {
        GatewayProperties.Budget limits = fallback.limits();
        this.tokensPerRequest = wholeSeconds(limits.limitRefreshPeriod(), id);
        this.redis = new RedisRateLimiter(redis, script, configurations);
        // The limiter is configured per "route id": here one per budget, so it keys and sizes by this id.
        this.redis.getConfig().put(id, new RedisRateLimiter.Config()
                .setReplenishRate(limits.limitForPeriod())
                .setBurstCapacity(limits.limitForPeriod() * tokensPerRequest)
                .setRequestedTokens(Math.toIntExact(tokensPerRequest)));
        this.id = id;
        this.fallback = fallback;
        this.outages = outages;
    }

    @Override
    public Mono<Permit> tryAcquire(String key) {
        return redis.isAllowed(id, key).map(response -> {
            long tokensLeft = Long.parseLong(response.getHeaders().get(redis.getRemainingHeader()));
            if (tokensLeft < 0) {
                outages.failedOver();
                return fallback.tryAcquireNow(key);
            }
            outages.answered();
            return new Permit(response.isAllowed(), tokensLeft / tokensPerRequest);
        });
    }

    @Override
    public GatewayProperties.Budget limits() {
        return fallback.limits();
    }

    private static long wholeSeconds(Duration period, String id) {
        if (period.toNanosPart() != 0 || period.toSeconds() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Rate limit " + id + ": a budget shared through Redis needs a period of"
                    + " whole seconds (Redis's clock counts seconds), not " + period);
        }
        return period.toSeconds();
    }
}
