package io.provisio.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * A {@link JwtDecoder} that verifies each token once and then answers from memory: a partner polling
 * an onboarding sends the same token dozens of times, and checking its RSA signature each time was
 * the largest single cost of a request. Only tokens the delegate accepted are kept, each until the
 * earlier of its {@code exp} and {@code maxAge} (so a key withdrawn from the key set stops being honoured
 * within {@code maxAge}), and at most {@code maxTokens} of them.
 */
public final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder delegate;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    public VerifiedTokens(JwtDecoder delegate, Clock clock, Duration maxAge, long maxTokens) {
        this.delegate = delegate;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxTokens)
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> keepFor(jwt, maxAge)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null && stillValid(known)) {
            return known;
        }
        Jwt jwt = delegate.decode(token);
        verified.put(token, jwt);
        return jwt;
    }

    private boolean stillValid(Jwt jwt) {
        Instant expiresAt = jwt.getExpiresAt();
        return expiresAt == null || clock.instant().isBefore(expiresAt);
    }

    private Duration keepFor(Jwt jwt, Duration maxAge) {
        if (jwt.getExpiresAt() == null) {
            return maxAge;
        }
        Duration left = Duration.between(clock.instant(), jwt.getExpiresAt());
        return left.isNegative() ? Duration.ZERO : left.compareTo(maxAge) < 0 ? left : maxAge;
    }
}
