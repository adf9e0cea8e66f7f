package io.provisio.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Two gateway replicas (two application contexts in one JVM) and the Redis on this machine (localhost:6379, which
 * {@code .ci/run} starts, or {@code -Dprovisio.test.redis-uri}): with the URL set, a budget of N lets N requests through
 * whichever replica they reach, and the next is refused on both; without it each replica keeps its own budget,
 * as before, and touches no Redis. Each run keys its budgets under its own prefix and deletes them afterwards.
 */
class GatewayReplicasRateLimitTest {

    private static final int LIMIT = 3;
    /** Above the client id budget: a token request refused for its client id must not use up its address's. */
    private static final int ADDRESS_LIMIT = 5;
    /** Not REDIS_URI: the build keeps that from the tests (pom.xml), since it would make every gateway share. */
    private static final String REDIS = System.getProperty("provisio.test.redis-uri", "redis://127.0.0.1:6379");
    private static final String KEY_PREFIX = "provisio-gateway-test-" + UUID.randomUUID();
    private static final TestTokens TOKENS = new TestTokens();
    private static final StubBackend BACKEND = StubBackend.start("all")
            .answering("/oauth2/jwks", TOKENS.jwkSetJson());

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoReplicasSharingRedis() {
        Map<String, Object> shared = Map.of(
                "REDIS_URI", REDIS,
                "provisio.gateway.rate-limit.redis-key-prefix", KEY_PREFIX,
                // Each test keys the address budget by an address of its own, as an ingress would write it.
                "provisio.gateway.rate-limit.trusted-proxies", "1");
        first = gateway(shared);
        second = gateway(shared);
        assertThat(first.getBean(ReactiveStringRedisTemplate.class).getConnectionFactory().getReactiveConnection()
                .ping().block(Duration.ofSeconds(10)))
                .as("Redis answers at %s (-Dprovisio.test.redis-uri, else localhost:6379; .ci/run starts it)", REDIS)
                .isEqualTo("PONG");
    }

    @AfterAll
    static void deleteKeysAndStop() {
        try {
            ReactiveStringRedisTemplate redis = first.getBean(ReactiveStringRedisTemplate.class);
            List<String> keys = keysOfThisRun(redis);
            if (!keys.isEmpty()) {
                redis.delete(keys.toArray(String[]::new)).block(Duration.ofSeconds(10));
            }
            assertThat(keysOfThisRun(redis)).isEmpty();
        } finally {
            first.close();
            second.close();
            BACKEND.close();
        }
    }

    @Test
    void sharesPartnerBudgetBetweenReplicas() {
        String partner = "partner-" + UUID.randomUUID();
        String token = TOKENS.forPartner(partner);
        List<WebTestClient> replicas = List.of(client(first), client(second));

        for (int i = 0; i < LIMIT; i++) {
            replicas.get(i % 2).get().uri("/api/v1/customers/c-shared").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().valueEquals("X-RateLimit-Remaining", String.valueOf(LIMIT - 1 - i));
        }

        for (WebTestClient replica : replicas) {
            replica.get().uri("/api/v1/customers/c-shared").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus().isEqualTo(429)
                    .expectHeader().valueEquals("Retry-After", "3600")
                    .expectHeader().valueEquals("X-RateLimit-Remaining", "0")
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://provisio.io/problems/rate-limited")
                    .jsonPath("$.title").isEqualTo("Too many requests")
                    .jsonPath("$.status").isEqualTo(429)
                    .jsonPath("$.code").isEqualTo("RATE_LIMITED");
        }
        assertThat(BACKEND.requestsTo("/api/v1/customers/c-shared")).hasSize(LIMIT);
        assertThat(keysOfThisRun(first.getBean(ReactiveStringRedisTemplate.class)))
                .as("the count lives in Redis, under this run's prefix")
                .contains("request_rate_limiter.{" + KEY_PREFIX + ".partner." + partner + "}.tokens");
    }

    @Test
    void sharesTokenClientBudgetBetweenReplicas() {
        List<WebTestClient> replicas = List.of(client(first), client(second));
        String address = "198.51.100.20";

        for (int i = 0; i < LIMIT; i++) {
            tokenRequest(replicas.get(i % 2), "shared-it-api", address).expectStatus().isOk();
        }

        for (WebTestClient replica : replicas) {
            tokenRequest(replica, "shared-it-api", address)
                    .expectStatus().isEqualTo(429)
                    .expectHeader().valueEquals("Retry-After", "3600")
                    .expectBody().jsonPath("$.code").isEqualTo("RATE_LIMITED");
        }
        tokenRequest(replicas.get(1), "other-it-api", address).expectStatus().isOk();
        assertThat(BACKEND.requestsTo("/oauth2/token")).hasSize(LIMIT + 1);
    }

    @Test
    void sharesAddressBudgetBetweenReplicas() {
        List<WebTestClient> replicas = List.of(client(first), client(second));
        String address = "198.51.100.30";

        for (int i = 0; i < ADDRESS_LIMIT; i++) {
            activation(replicas.get(i % 2), address).expectStatus().isOk();
        }

        for (WebTestClient replica : replicas) {
            activation(replica, address)
                    .expectStatus().isEqualTo(429)
                    .expectHeader().valueEquals("Retry-After", "3600")
                    .expectBody().jsonPath("$.code").isEqualTo("RATE_LIMITED");
        }
        activation(replicas.getFirst(), "198.51.100.31").expectStatus().isOk();
    }

    @Test
    void keepsOneBudgetPerReplicaWithoutRedisAndNeverConnects() throws IOException {
        try (ServerSocketChannel wouldBeRedis = ServerSocketChannel.open()) {
            // Where Boot's Redis client would connect by default: a connection attempt would wait in its backlog.
            wouldBeRedis.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            wouldBeRedis.configureBlocking(false);
            Map<String, Object> withoutRedis = Map.of(
                    "spring.data.redis.host", "127.0.0.1",
                    "spring.data.redis.port", String.valueOf(wouldBeRedis.socket().getLocalPort()));
            try (ConfigurableApplicationContext one = gateway(withoutRedis);
                    ConfigurableApplicationContext other = gateway(withoutRedis)) {
                String token = TOKENS.forPartner("partner-" + UUID.randomUUID());

                for (ConfigurableApplicationContext replica : List.of(one, other)) {
                    for (int i = 0; i < LIMIT; i++) {
                        client(replica).get().uri("/api/v1/plans").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                                .exchange()
                                .expectStatus().isOk();
                    }
                    client(replica).get().uri("/api/v1/plans").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                            .exchange()
                            .expectStatus().isEqualTo(429)
                            .expectHeader().valueEquals("Retry-After", "3600")
                            .expectBody().jsonPath("$.code").isEqualTo("RATE_LIMITED");
                    management(replica).get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
                    management(replica).get().uri("/actuator/health").exchange().expectStatus().isOk();
                }
            }
            assertThat(wouldBeRedis.accept()).as("no connection to Redis was attempted").isNull();
        }
    }

    @Test
    void fallsBackToTheReplicasOwnBudgetWhileRedisIsDown() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (ConfigurableApplicationContext replica = gateway(Map.of(
                "REDIS_URI", "redis://127.0.0.1:" + closedPort,
                "provisio.gateway.rate-limit.redis-key-prefix", KEY_PREFIX))) {
            String token = TOKENS.forPartner("partner-" + UUID.randomUUID());

            for (int i = 0; i < LIMIT; i++) {
                client(replica).get().uri("/api/v1/plans").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .exchange()
                        .expectStatus().isOk()
                        .expectHeader().valueEquals("X-RateLimit-Remaining", String.valueOf(LIMIT - 1 - i));
            }
            client(replica).get().uri("/api/v1/plans").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus().isEqualTo(429)
                    .expectHeader().valueEquals("Retry-After", "3600")
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("RATE_LIMITED");

            assertThat(replica.getBean(MeterRegistry.class).counter("provisio.gateway.rate.limit.fallbacks").count())
                    .as("every call decided without Redis is counted")
                    .isEqualTo(LIMIT + 1);
            management(replica).get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
        }
    }

    private static ConfigurableApplicationContext gateway(Map<String, Object> extra) {
        Map<String, Object> properties = new HashMap<>(Map.of(
                "server.port", "0",
                "management.server.port", "0",
                "provisio.gateway.issuer", TestTokens.ISSUER,
                "provisio.gateway.jwk-set-uri", BACKEND.baseUrl() + "/oauth2/jwks",
                "provisio.gateway.rate-limit.limit-for-period", String.valueOf(LIMIT),
                // Long enough that no refill happens while a test runs, so every count is exact without waiting.
                "provisio.gateway.rate-limit.limit-refresh-period", "1h",
                "provisio.gateway.rate-limit.token-client.limit-for-period", String.valueOf(LIMIT),
                "provisio.gateway.rate-limit.token-client.limit-refresh-period", "1h",
                "provisio.gateway.rate-limit.address.limit-for-period", String.valueOf(ADDRESS_LIMIT),
                "provisio.gateway.rate-limit.address.limit-refresh-period", "1h"));
        for (String service : new String[] {"customer", "identity", "subscription", "notification"}) {
            properties.put("provisio.gateway.services." + service, BACKEND.baseUrl());
        }
        // A busy CI machine must not turn a slow Redis answer into a fallback, and with it a second budget.
        properties.put("spring.data.redis.timeout", "10s");
        properties.putAll(extra);
        // As arguments: they outrank application.yml, as an operator's settings do.
        return new SpringApplicationBuilder(GatewayApplication.class)
                .run(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new));
    }

    private static WebTestClient client(ConfigurableApplicationContext replica) {
        return GatewayClient.at(port(replica, "local.server.port"));
    }

    private static WebTestClient management(ConfigurableApplicationContext replica) {
        return GatewayClient.at(port(replica, "local.management.port"));
    }

    private static int port(ConfigurableApplicationContext replica, String property) {
        return Integer.parseInt(Objects.requireNonNull(replica.getEnvironment().getProperty(property), property));
    }

    private static WebTestClient.ResponseSpec tokenRequest(WebTestClient replica, String clientId, String address) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":secret").getBytes(StandardCharsets.UTF_8));
        return replica.post().uri("/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                .header("X-Forwarded-For", address)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials")
                .exchange();
    }

    private static WebTestClient.ResponseSpec activation(WebTestClient replica, String address) {
        return replica.post().uri("/api/v1/activation")
                .header("X-Forwarded-For", address)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange();
    }

    private static List<String> keysOfThisRun(ReactiveStringRedisTemplate redis) {
        return redis.scan(ScanOptions.scanOptions().match("request_rate_limiter.{" + KEY_PREFIX + ".*").count(1000).build())
                .collectList()
                .block(Duration.ofSeconds(10));
    }
}
