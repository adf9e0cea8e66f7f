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
 * <p>Budgets are per gateway replica: with N replicas a key gets up to N times the limit. That keeps the
 * gateway free of shared state; a shared store would be needed for an exact global limit.
 */
@Component
class RateLimitFilter implements GlobalFilter, Ordered {

    static final String TOKEN_ENDPOINT = "/oauth2/token";
    static final String RETRY_AFTER = "Retry-After";
    static final String REMAINING = "X-RateLimit-Remaining";

    /** After the body-size filter, which caches the body the token request's {@code client_id} is read from. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    private final RateBudget partners;
    private final RateBudget tokenClients;
    private final RateBudget addresses;
    private final ClientAddresses clientAddresses;
    private final ProblemResponses problems;

    RateLimitFilter(GatewayProperties properties, ProblemResponses problems) {
        GatewayProperties.RateLimit limits = properties.rateLimit();
        this.partners = new RateBudget("partner", limits, limits.maxKeys());
        this.tokenClients = new RateBudget("token-client", limits.tokenClient(), limits.maxKeys());
        this.addresses = new RateBudget("address", limits.address(), limits.maxKeys());
        this.clientAddresses = new ClientAddresses(limits.trustedProxies());
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(principal -> List.of(partners.limitFor(
                        ((JwtAuthenticationToken) principal).getToken().getClaimAsString("partner_id"))))
                .switchIfEmpty(Mono.fromSupplier(() -> withoutToken(exchange)))
                .flatMap(limits -> admit(exchange, chain, limits));
    }

    /** Before the routing filters, so a refused request never reaches a backend or its circuit breaker. */
    @Override
    public int getOrder() {
        return ORDER;
    }

    /** Innermost budget first: a call refused by it must not use up the shared outer one. */
    private List<RateBudget.Limit> withoutToken(ServerWebExchange exchange) {
        RateBudget.Limit address = addresses.limitFor(clientAddresses.of(exchange));
        if (TOKEN_ENDPOINT.equals(exchange.getRequest().getPath().value())) {
            return List.of(tokenClients.limitFor(TokenRequestClients.clientId(exchange)), address);
        }
        return List.of(address);
    }

    private Mono<Void> admit(ServerWebExchange exchange, GatewayFilterChain chain, List<RateBudget.Limit> limits) {
        int remaining = Integer.MAX_VALUE;
        for (RateBudget.Limit limit : limits) {
            if (!limit.tryAcquire()) {
                return refuse(exchange, limit.budget());
            }
            remaining = Math.min(remaining, limit.remaining());
        }
        exchange.getResponse().getHeaders().set(REMAINING, String.valueOf(remaining));
        return chain.filter(exchange);
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
