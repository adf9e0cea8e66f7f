package io.provisio.gateway.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.SignedJWT;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * identity-service's published key set as the gateway reads it (ADR 009); the twin of the platform's
 * {@code PublishedKeys}. Spring Security's own reactive key source fetches the set again for every token
 * whose {@code kid} it does not know, so anyone could make the gateway hammer identity with made-up key ids.
 * Nimbus' {@link JWKSourceBuilder} instead caches the set for five minutes, refetches it for an unknown
 * {@code kid} (how a rotated-in key is picked up) at most twice per {@code minRefetchInterval}, and keeps
 * the last set while identity is unreachable. A refetch the rate limit holds back counts as "no such key",
 * so the token is refused with 401.
 * <p>
 * Nimbus fetches with a blocking HTTP call, so a lookup runs on the bounded elastic scheduler; it happens
 * once per distinct token, as {@link VerifiedTokens} answers repeats from memory.
 */
final class PublishedKeys implements Function<SignedJWT, Flux<JWK>> {

    private static final Duration CACHE_TTL = Duration.ofMinutes(5);
    /** How long one fetch may take; a busy identity-service on a loaded machine can be slow to answer. */
    private static final int HTTP_TIMEOUT_MILLIS = 2_000;
    private static final int HTTP_SIZE_LIMIT_BYTES = 50 * 1024;

    private final JWKSource<SecurityContext> keys;

    private PublishedKeys(JWKSource<SecurityContext> keys) {
        this.keys = keys;
    }

    static PublishedKeys at(URI jwkSetUri, Duration minRefetchInterval) {
        try {
            return new PublishedKeys(JWKSourceBuilder.<SecurityContext>create(jwkSetUri.toURL(),
                            new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, HTTP_SIZE_LIMIT_BYTES))
                    .cache(CACHE_TTL.toMillis(), HTTP_TIMEOUT_MILLIS)
                    .refreshAheadCache(false)
                    .rateLimited(minRefetchInterval.toMillis())
                    .outageTolerantForever()
                    .build());
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("provisio.gateway.jwk-set-uri is not a URL: " + jwkSetUri, e);
        }
    }

    @Override
    public Flux<JWK> apply(SignedJWT jwt) {
        JWKMatcher matcher = JWKMatcher.forJWSHeader(jwt.getHeader());
        if (matcher == null) {
            // An algorithm no published key could have signed with: nothing to look up.
            return Flux.empty();
        }
        JWKSelector selector = new JWKSelector(matcher);
        return Mono.fromCallable(() -> select(selector))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMapIterable(found -> found);
    }

    private List<JWK> select(JWKSelector selector) throws KeySourceException {
        try {
            return keys.get(selector, null);
        } catch (RateLimitReachedException e) {
            return List.of();
        }
    }
}
