package io.provisio.gateway.bodysize;

import io.provisio.gateway.config.GatewayProperties;
import io.provisio.gateway.problem.ProblemResponses;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Caps request bodies at {@code provisio.gateway.max-body-size} (256 KB; {@code max-batch-body-size}, 2 MB, for
 * {@value #BATCHES}), answering 413 problem+json
 * ({@code PAYLOAD_TOO_LARGE}) before anything is passed on. A declared {@code Content-Length} over the cap is
 * refused without reading the body. A body without a length (chunked) is read up to the cap and refused as
 * soon as it goes over.
 *
 * <p>Every route's circuit breaker has a fallback, and Spring Cloud Gateway then caches each request's whole body
 * in memory (so it could be replayed) with no bound at all. This filter runs first and caches the body itself,
 * bounded, in the same exchange attribute, so the gateway's own cache finds it there and the cap bounds memory
 * too. Spring Cloud Gateway's {@code RequestSize} filter checks only {@code Content-Length} and answers no
 * problem body, so it is not used.
 */
@Component
class RequestBodyLimitFilter implements GlobalFilter, Ordered {

    /** Before the rate limit, which reads the token request's {@code client_id} from the cached body. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    /** Up to 500 onboarding requests in one body. */
    static final String BATCHES = "/api/v1/onboarding-batches";

    private final int maxBytes;
    private final int maxBatchBytes;
    private final ProblemResponses problems;

    RequestBodyLimitFilter(GatewayProperties properties, ProblemResponses problems) {
        this.maxBytes = (int) properties.maxBodySize().toBytes();
        this.maxBatchBytes = (int) properties.maxBatchBodySize().toBytes();
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        int maxBytes = exchange.getRequest().getPath().pathWithinApplication().value().equals(BATCHES)
                ? maxBatchBytes : this.maxBytes;
        if (exchange.getRequest().getHeaders().getContentLength() > maxBytes) {
            return tooLarge(exchange, maxBytes);
        }
        ServerWebExchange bounded = exchange.mutate().request(new BoundedBody(exchange.getRequest(), maxBytes)).build();
        return ServerWebExchangeUtils.cacheRequestBody(bounded,
                        cached -> chain.filter(exchange.mutate().request(cached).build()))
                .onErrorResume(BodyTooLarge.class, tooLarge -> tooLarge(exchange, maxBytes));
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange, int maxBytes) {
        return problems.write(exchange.getResponse(), HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                "Payload too large", "The request body is larger than " + maxBytes + " bytes");
    }

    /** The request's body, joined into one buffer, failing as soon as it is larger than the cap. */
    private static final class BoundedBody extends ServerHttpRequestDecorator {

        private final int maxBytes;

        BoundedBody(ServerHttpRequest request, int maxBytes) {
            super(request);
            this.maxBytes = maxBytes;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            // One byte more than the cap is enough to know it is too large; takeUntilByteCount stops reading there
            // and releases what it does not pass on.
            return DataBufferUtils.join(DataBufferUtils.takeUntilByteCount(super.getBody(), maxBytes + 1L))
                    .flatMap(body -> {
                        if (body.readableByteCount() > maxBytes) {
                            DataBufferUtils.release(body);
                            return Mono.error(new BodyTooLarge());
                        }
                        return Mono.just(body);
                    })
                    .flux();
        }
    }

    /** Only the body read here maps to 413; a limit hit further down the chain is not this filter's. */
    private static final class BodyTooLarge extends RuntimeException {

        BodyTooLarge() {
            super("request body over the cap", null, false, false);
        }
    }
}
