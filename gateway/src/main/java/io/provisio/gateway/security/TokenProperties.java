package io.provisio.gateway.security;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The token checks the gateway shares with every service, under the services' property names
 * ({@code provisio.security}, platform's {@code SecurityProperties}) so one setting serves the whole suite.
 *
 * @param audience              the value every accepted token's {@code aud} must contain (ADR 009)
 * @param jwkSetRefetchInterval a token with an unknown {@code kid} refetches identity's key set, but at most
 *                              twice per this interval: a flood of made-up key ids is refused from the cached
 *                              set instead of becoming a flood towards identity-service
 */
@ConfigurationProperties("provisio.security")
record TokenProperties(
        @DefaultValue("provisio-api") String audience,
        @DefaultValue("5s") Duration jwkSetRefetchInterval) {

    TokenProperties {
        // Nimbus refuses an interval that is not shorter than the key set's 5-minute cache life.
        if (jwkSetRefetchInterval.isNegative() || jwkSetRefetchInterval.isZero()
                || jwkSetRefetchInterval.compareTo(Duration.ofMinutes(5)) >= 0) {
            throw new IllegalArgumentException("provisio.security.jwk-set-refetch-interval must be between 0 and 5m, "
                    + "was " + jwkSetRefetchInterval);
        }
    }
}
