package io.provisio.gateway.config;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param services    where each backend listens; the route table in application.yml points at these
 * @param jwkSetUri   where identity-service publishes its signing keys (fetched on the first token, then cached)
 * @param issuer      the {@code iss} every accepted token must carry
 * @param rateLimit   the request budgets: per partner, per client id at the token endpoint, per client address
 * @param maxBodySize the largest request body the gateway passes on; a larger one is answered 413
 * @param maxBatchBodySize the same for {@code /api/v1/onboarding-batches}, whose 500 rows need more
 */
@ConfigurationProperties("provisio.gateway")
public record GatewayProperties(
        @DefaultValue Services services,
        @DefaultValue("http://localhost:8082/oauth2/jwks") URI jwkSetUri,
        @DefaultValue("http://localhost:8080") String issuer,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("256KB") DataSize maxBodySize,
        @DefaultValue("2MB") DataSize maxBatchBodySize) {

    public GatewayProperties {
        for (DataSize size : new DataSize[] {maxBodySize, maxBatchBodySize}) {
            if (size.toBytes() < 1 || size.toBytes() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("max-body-size and max-batch-body-size must be between 1 byte "
                        + "and 2 GB");
            }
        }
    }

    /** Base URLs of the four backends. */
    public record Services(
            @DefaultValue("http://localhost:8081") URI customer,
            @DefaultValue("http://localhost:8082") URI identity,
            @DefaultValue("http://localhost:8083") URI subscription,
            @DefaultValue("http://localhost:8084") URI notification) {
    }

    /** A number of requests allowed per refill period, for one key (a partner, a client id, an address). */
    public interface Budget {

        int limitForPeriod();

        Duration limitRefreshPeriod();

        /** For the records' compact constructors, where the fields are not assigned yet. */
        static void check(int limitForPeriod, Duration limitRefreshPeriod, String name) {
            if (limitForPeriod < 1 || limitRefreshPeriod.isNegative() || limitRefreshPeriod.isZero()) {
                throw new IllegalArgumentException(name + " needs a positive limit and period");
            }
        }
    }

    /**
     * @param limitForPeriod     requests one partner (verified token) may make per period
     * @param limitRefreshPeriod how often the partner budget is refilled
     * @param maxKeys            how many keys each budget tracks at once; beyond that the least valuable are
     *                           forgotten, so a flood of client ids or addresses cannot exhaust memory
     * @param tokenClient        budget per client id at {@code /oauth2/token}
     * @param address            the coarse outer budget per client address for every call without a token
     * @param trustedProxies     how many proxies in front of the gateway append to {@code X-Forwarded-For}; 0 (the
     *                           default) ignores the header and uses the socket's peer
     * @param redisKeyPrefix     when the budgets are shared through Redis ({@code spring.data.redis.url} set), the
     *                           part of their keys that says whose they are: gateways with the same prefix share
     *                           one budget per key, so two deployments using one Redis need two prefixes
     */
    public record RateLimit(
            @DefaultValue("50") int limitForPeriod,
            @DefaultValue("1s") Duration limitRefreshPeriod,
            @DefaultValue("10000") int maxKeys,
            @DefaultValue TokenClient tokenClient,
            @DefaultValue Address address,
            @DefaultValue("0") int trustedProxies,
            @DefaultValue("provisio-gateway") String redisKeyPrefix) implements Budget {

        public RateLimit {
            Budget.check(limitForPeriod, limitRefreshPeriod, "rate-limit");
            if (maxKeys < 1 || trustedProxies < 0) {
                throw new IllegalArgumentException("rate limit needs a positive key count and no negative proxy count");
            }
            if (redisKeyPrefix.isBlank()) {
                throw new IllegalArgumentException("rate-limit.redis-key-prefix must not be blank");
            }
        }
    }

    /** Per client id at the token endpoint: a client needs a token per expiry, not one per call. */
    public record TokenClient(
            @DefaultValue("20") int limitForPeriod,
            @DefaultValue("1s") Duration limitRefreshPeriod) implements Budget {

        public TokenClient {
            Budget.check(limitForPeriod, limitRefreshPeriod, "rate-limit.token-client");
        }
    }

    /** Per client address, for calls without a token: coarse, since many partners may share one NAT address. */
    public record Address(
            @DefaultValue("200") int limitForPeriod,
            @DefaultValue("1s") Duration limitRefreshPeriod) implements Budget {

        public Address {
            Budget.check(limitForPeriod, limitRefreshPeriod, "rate-limit.address");
        }
    }
}
