package io.provisio.gateway.ratelimit;

import java.util.List;

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
 * Request budgets, checked before a call reaches a backend or its circuit breaker:
 * <ul>
 * <li>a call with a verified token: per partner, keyed by the token's {@code partner_id} (never by a header the
 * client sets);</li>
 * <li>a token request ({@code /oauth2/token}): per client id first, then per client address;</li>
 * <li>any other call without a token (activation, key set): per client address.</li>
 * </ul>
 * The per-address budget is a coarse outer limit, much higher than the others: a whole office, NAT or ingress
 * may share one address. A token request refused for its client id does not use up the address's budget, so
 * one client flooding the token endpoint (with a wrong secret, say) cannot lock out the others behind its
 * address. It runs as a gateway filter, after Spring Security's web filters, so the principal is already
 * verified when it is read.
 *
 * <p>The budgets are shared by every gateway replica through Redis when {@code REDIS_URI} is set, else kept by
 * each replica ({@link RateBudgetConfiguration}); the answers are the same either way. Spring Cloud Gateway's
 * {@code RequestRateLimiter} filter is not used, only its {@code RedisRateLimiter}: the filter answers a bare 429
 * without the problem body or Retry-After, keys every budget by route as well (a partner would get one budget per
 * route), and checks one budget per request, not a client id's and then its address's.
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

    static final String TOKEN_ENDPOINT = "/oauth2/token";
    static final String RETRY_AFTER = "Retry-After";
    static final String REMAINING = "X-RateLimit-Remaining";

    /** After the body-size filter, which caches the body the token request's {@code client_id} is read from. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    /** One request's charge to one key's budget. */
    private record Charge(RateBudget budget, String key) {
    }

    private final RateBudget partners;
    private final RateBudget tokenClients;
    private final RateBudget addresses;
    private final ClientAddresses clientAddresses;
    private final ProblemResponses problems;

    RateLimitFilter(GatewayProperties properties, RateBudgets budgets, ProblemResponses problems) {
        GatewayProperties.RateLimit limits = properties.rateLimit();
        this.partners = budgets.budget("partner", limits);
        this.tokenClients = budgets.budget("token-client", limits.tokenClient());
        this.addresses = budgets.budget("address", limits.address());
        this.clientAddresses = new ClientAddresses(limits.trustedProxies());
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> List.of(new Charge(partners,
                        ((JwtAuthenticationToken) principal).getToken().getClaimAsString("partner_id"))))
                .switchIfEmpty(Mono.fromSupplier(() -> withoutToken(exchange)))
                .flatMap(charges -> admit(exchange, chain, charges, 0, Long.MAX_VALUE));
    }

    /** Before the routing filters, so a refused request never reaches a backend or its circuit breaker. */
    @Override
    public int getOrder() {
        return ORDER;
    }

    /** Innermost budget first: a call refused by it must not use up the shared outer one. */
    private List<Charge> withoutToken(ServerWebExchange exchange) {
        Charge address = new Charge(addresses, clientAddresses.of(exchange));
        if (TOKEN_ENDPOINT.equals(exchange.getRequest().getPath().value())) {
            return List.of(new Charge(tokenClients, TokenRequestClients.clientId(exchange)), address);
        }
        return List.of(address);
    }

    /** Charges the budgets one after the other, stopping at the first that refuses. */
    private Mono<Void> admit(ServerWebExchange exchange, GatewayFilterChain chain, List<Charge> charges, int next,
            long remaining) {
        if (next == charges.size()) {
            exchange.getResponse().getHeaders().set(REMAINING, String.valueOf(remaining));
            return chain.filter(exchange);
        }
        Charge charge = charges.get(next);
        return charge.budget().tryAcquire(charge.key()).flatMap(permit -> permit.allowed()
                ? admit(exchange, chain, charges, next + 1, Math.min(remaining, permit.remaining()))
                : refuse(exchange, charge.budget()));
    }

    private Mono<Void> refuse(ServerWebExchange exchange, RateBudget budget) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(RETRY_AFTER, budget.retryAfterSeconds());
        headers.set(REMAINING, "0");
        return problems.write(exchange.getResponse(), HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                "Too many requests", "The request rate limit is exceeded; retry after "
                        + budget.retryAfterSeconds() + " second(s)");
    }
}
