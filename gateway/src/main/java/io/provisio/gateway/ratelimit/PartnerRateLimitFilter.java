package io.provisio.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.provisio.gateway.config.GatewayProperties;
import io.provisio.gateway.problem.ProblemResponses;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * One request budget per partner, keyed by the verified token's {@code partner_id} (never by a header the
 * client sets), and per client address on the public paths that carry no token. It runs as a gateway filter,
 * after Spring Security's web filters, so the principal is already verified when it is read.
 *
 * <p>Budgets are per gateway replica: with N replicas a partner gets up to N times the limit. That keeps the
 * gateway free of shared state; a shared store would be needed for an exact global limit.
 */
@Component
class PartnerRateLimitFilter implements GlobalFilter, Ordered {

    static final String RETRY_AFTER = "Retry-After";
    static final String REMAINING = "X-RateLimit-Remaining";

    private final RateLimiterConfig config;
    private final ProblemResponses problems;
    private final String retryAfterSeconds;
    private final Map<String, RateLimiter> limiters;

    PartnerRateLimitFilter(GatewayProperties properties, ProblemResponses problems) {
        GatewayProperties.RateLimit limit = properties.rateLimit();
        this.config = RateLimiterConfig.custom()
                .limitForPeriod(limit.limitForPeriod())
                .limitRefreshPeriod(limit.limitRefreshPeriod())
                // Never park a request waiting for a permit: over the limit is answered at once.
                .timeoutDuration(Duration.ZERO)
                .build();
        this.problems = problems;
        this.retryAfterSeconds = String.valueOf(wholeSecondsAtLeastOne(limit.limitRefreshPeriod()));
        this.limiters = boundedLeastRecentlyUsed(limit.maxKeys());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> "partner:" + ((JwtAuthenticationToken) principal).getToken().getClaimAsString("partner_id"))
                .switchIfEmpty(Mono.fromSupplier(() -> "address:" + clientAddress(exchange)))
                .flatMap(key -> {
                    RateLimiter limiter = limiterFor(key);
                    if (limiter.acquirePermission()) {
                        exchange.getResponse().getHeaders().set(REMAINING,
                                String.valueOf(Math.max(0, limiter.getMetrics().getAvailablePermissions())));
                        return chain.filter(exchange);
                    }
                    HttpHeaders headers = exchange.getResponse().getHeaders();
                    headers.set(RETRY_AFTER, retryAfterSeconds);
                    headers.set(REMAINING, "0");
                    return problems.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                            "Too many requests", "The request rate limit is exceeded; retry after "
                                    + retryAfterSeconds + " second(s)");
                });
    }

    /** Before the routing filters, so a refused request never reaches a backend or its circuit breaker. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }

    private RateLimiter limiterFor(String key) {
        synchronized (limiters) {
            return limiters.computeIfAbsent(key, k -> RateLimiter.of(k, config));
        }
    }

    private static String clientAddress(ServerWebExchange exchange) {
        // The socket's peer: a proxy in front of the gateway should be trusted through forwarded-header
        // handling (server.forward-headers-strategy), never by reading X-Forwarded-For here.
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        if (remote == null) {
            return "unknown";
        }
        return remote.getAddress() != null ? remote.getAddress().getHostAddress() : remote.getHostString();
    }

    private static long wholeSecondsAtLeastOne(Duration period) {
        long seconds = period.toSeconds() + (period.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }

    private static Map<String, RateLimiter> boundedLeastRecentlyUsed(int maxKeys) {
        return new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, RateLimiter> eldest) {
                return size() > maxKeys;
            }
        };
    }
}
