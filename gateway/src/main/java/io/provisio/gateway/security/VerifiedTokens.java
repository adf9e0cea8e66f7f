package io.provisio.gateway.security;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * The reactive twin of the platform's {@code VerifiedTokens} (the gateway stays off the servlet
 * platform module): a token the delegate accepted is answered from memory until the earlier of its
 * {@code exp} and {@code maxAge}, so a polling partner's token is verified once, not per request.
 */
final class VerifiedTokens implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(ReactiveJwtDecoder delegate, Clock clock, Duration maxAge, long maxTokens) {
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxTokens)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> {
                    Duration left = jwt.getExpiresAt() == null ? maxAge
                            : Duration.between(clock.instant(), jwt.getExpiresAt());
                    return left.isNegative() ? Duration.ZERO : left.compareTo(maxAge) < 0 ? left : maxAge;
                }))
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && (known.getExpiresAt() == null || clock.instant().isBefore(known.getExpiresAt()))) {
            return Mono.just(known);
        }
        return delegate.decode(token).doOnNext(jwt -> verified.put(token, jwt))
                // Nimbus' reactive decoder reports a key set it could not fetch as an IllegalStateException,
                // which passed Spring Security by and became a 500. As a JwtException (not a BadJwtException)
                // it is an AuthenticationServiceException, which the gateway answers 503.
                .onErrorMap(e -> !(e instanceof JwtException), e -> new JwtException("Could not check the token", e));
    }
}
