package io.provisio.platform.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param jwkSetUri              where identity-service publishes its signing keys (fetched lazily, cached)
 * @param issuer                 the {@code iss} every accepted token must carry
 * @param audience               the value every accepted token's {@code aud} must contain; identity-service
 *                               issues its tokens for it (one audience for the whole API, ADR 009)
 * @param jwkSetRefetchInterval  the shortest time between two fetches of the key set beyond the first pair:
 *                               a token naming an unknown {@code kid} refetches the set only if this much has
 *                               passed, so a flood of made-up key ids cannot turn into a flood towards identity
 */
@ConfigurationProperties("provisio.security")
public record SecurityProperties(
        @DefaultValue("http://localhost:8082/oauth2/jwks") String jwkSetUri,
        @DefaultValue("http://localhost:8080") String issuer,
        @DefaultValue("provisio-api") String audience,
        @DefaultValue("5s") Duration jwkSetRefetchInterval) {

    public SecurityProperties {
        // Nimbus refuses an interval that is not shorter than the key set's 5-minute cache life.
        if (jwkSetRefetchInterval.isNegative() || jwkSetRefetchInterval.isZero()
                || jwkSetRefetchInterval.compareTo(Duration.ofMinutes(5)) >= 0) {
            throw new IllegalArgumentException("provisio.security.jwk-set-refetch-interval must be between 0 and 5m, "
                    + "was " + jwkSetRefetchInterval);
        }
    }
}
