package io.provisio.platform.security;

import java.net.MalformedURLException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;

/**
 * identity-service's published key set as a resource server reads it (ADR 009), built with Nimbus'
 * {@link JWKSourceBuilder}: cached for five minutes; a token whose {@code kid} is not in the cached set
 * triggers a refetch (that is how a rotated-in key is picked up), but at most two fetches happen per
 * {@code minRefetchInterval}, whatever the presented tokens claim; while identity is unreachable the last
 * set keeps being used. A refetch the rate limit holds back counts as "no such key": the token is refused
 * (401), not the request failed (500).
 */
public final class PublishedKeys implements JWKSource<SecurityContext> {

    /** How long a fetched set is used without asking again; a new key id is picked up at once regardless. */
    static final Duration CACHE_TTL = Duration.ofMinutes(5);
    /** How long one fetch may take; a busy identity-service on a loaded machine can be slow to answer. */
    private static final int HTTP_TIMEOUT_MILLIS = 2_000;
    private static final int HTTP_SIZE_LIMIT_BYTES = 50 * 1024;

    private final JWKSource<SecurityContext> keys;

    private PublishedKeys(JWKSource<SecurityContext> keys) {
        this.keys = keys;
    }

    public static PublishedKeys at(String jwkSetUri, Duration minRefetchInterval) {
        try {
            return new PublishedKeys(JWKSourceBuilder.<SecurityContext>create(URI.create(jwkSetUri).toURL(),
                            new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, HTTP_SIZE_LIMIT_BYTES))
                    .cache(CACHE_TTL.toMillis(), HTTP_TIMEOUT_MILLIS)
                    .refreshAheadCache(false)
                    .rateLimited(minRefetchInterval.toMillis())
                    .outageTolerantForever()
                    .build());
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("provisio.security.jwk-set-uri is not a URL: " + jwkSetUri, e);
        }
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws KeySourceException {
        try {
            return keys.get(selector, context);
        } catch (RateLimitReachedException e) {
            return List.of();
        }
    }
}
