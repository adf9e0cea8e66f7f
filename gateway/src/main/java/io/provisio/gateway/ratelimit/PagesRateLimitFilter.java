package io.provisio.gateway.ratelimit;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.provisio.gateway.apidocs.ApiDocsPaths;
import org.springframework.core.Ordered;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The same budgets as {@link RateLimitFilter} for what the gateway answers itself instead of routing: the OpenAPI
 * document and Swagger UI, and the partner console's files (ADR 024). A global filter sees only routed calls, so these would otherwise be unlimited. Without a
 * token (the usual case) they use the per-address budget. After Spring Security's filters, so a token is verified
 * when it is read.
 */
@Component
class PagesRateLimitFilter implements WebFilter, Ordered {

    private final RateLimitFilter limits;
    private final List<PathPattern> pages;

    PagesRateLimitFilter(RateLimitFilter limits) {
        this.limits = limits;
        this.pages = Stream.concat(Arrays.stream(ApiDocsPaths.PUBLIC), Stream.of("/console", "/console/**"))
                .map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        PathContainer path = exchange.getRequest().getPath().pathWithinApplication();
        if (pages.stream().anyMatch(page -> page.matches(path))) {
            return limits.filter(exchange, chain::filter);
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return 0;
    }
}
