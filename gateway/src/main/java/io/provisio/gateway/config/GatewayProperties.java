package io.provisio.gateway.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param services  where each backend listens; the route table in application.yml points at these
 * @param jwkSetUri where identity-service publishes its signing keys (fetched on the first token, then cached)
 * @param issuer    the {@code iss} every accepted token must carry
 * @param rateLimit the per-partner request budget
 */
@ConfigurationProperties("provisio.gateway")
public record GatewayProperties(
        @DefaultValue Services services,
        @DefaultValue("http://localhost:8082/oauth2/jwks") URI jwkSetUri,
        @DefaultValue("http://localhost:8080") String issuer,
        @DefaultValue RateLimit rateLimit) {

    /** Base URLs of the four backends. */
    public record Services(
            @DefaultValue("http://localhost:8081") URI customer,
            @DefaultValue("http://localhost:8082") URI identity,
            @DefaultValue("http://localhost:8083") URI subscription,
            @DefaultValue("http://localhost:8084") URI notification) {
    }

    /**
     * @param limitForPeriod     requests one partner (or, on public paths, one client address) may make per period
     * @param limitRefreshPeriod how often the budget is refilled
     * @param maxKeys            how many partners/addresses are tracked at once; the least recently seen is
     *                           forgotten first, so a flood of client addresses cannot exhaust memory
     */
    public record RateLimit(
            @DefaultValue("50") int limitForPeriod,
            @DefaultValue("1s") Duration limitRefreshPeriod,
            @DefaultValue("10000") int maxKeys) {

        public RateLimit {
            if (limitForPeriod < 1 || limitRefreshPeriod.isNegative() || limitRefreshPeriod.isZero() || maxKeys < 1) {
                throw new IllegalArgumentException("rate limit needs a positive limit, period and key count");
            }
        }
    }
}
