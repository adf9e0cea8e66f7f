package io.provisio.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Each partner has its own budget; calls without a token share one per client address. Run as on Kubernetes, where
 * Boot would read forwarded headers by itself unless told not to: the address must still be the socket's peer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.cloud-platform=kubernetes")
class GatewayRateLimitTest {

    private static final int LIMIT = 3;
    private static final TestTokens TOKENS = new TestTokens();
    private static final StubBackend BACKEND = StubBackend.start("all")
            .answering("/oauth2/jwks", TOKENS.jwkSetJson());

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        BACKEND.standForEveryService(registry);
        registry.add("provisio.gateway.issuer", () -> TestTokens.ISSUER);
        registry.add("provisio.gateway.rate-limit.limit-for-period", () -> String.valueOf(LIMIT));
        // Long enough that no refill happens while a test runs, so the count is exact without any waiting.
        registry.add("provisio.gateway.rate-limit.limit-refresh-period", () -> "1h");
        registry.add("provisio.gateway.rate-limit.address.limit-for-period", () -> String.valueOf(LIMIT));
        registry.add("provisio.gateway.rate-limit.address.limit-refresh-period", () -> "1h");
        registry.add("management.server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void connect() {
        client = GatewayClient.at(port);
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.close();
    }

    @Test
    void refusesPartnerOverItsBudgetWithRetryAfter() {
        String token = TOKENS.forPartner("busy-partner");
        for (int i = 0; i < LIMIT; i++) {
            client.get().uri("/api/v1/customers/c-busy").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                    .exchange()
                    .expectStatus().isOk();
        }

        client.get().uri("/api/v1/customers/c-busy").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().valueEquals("Retry-After", "3600")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://provisio.io/problems/rate-limited")
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.code").isEqualTo("RATE_LIMITED");

        assertThat(BACKEND.requestsTo("/api/v1/customers/c-busy")).hasSize(LIMIT);
    }

    @Test
    void keepsOtherPartnersBudgetWhenOneIsExhausted() {
        String greedy = TOKENS.forPartner("greedy-partner");
        for (int i = 0; i <= LIMIT; i++) {
            client.get().uri("/api/v1/plans").header(HttpHeaders.AUTHORIZATION, "Bearer " + greedy).exchange();
        }

        client.get().uri("/api/v1/plans").header(HttpHeaders.AUTHORIZATION, "Bearer " + greedy)
                .exchange()
                .expectStatus().isEqualTo(429);
        client.get().uri("/api/v1/plans")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.forPartner("quiet-partner"))
                .exchange()
                .expectStatus().isOk();
    }

    @Test
    void limitsCallsWithoutTokenByClientAddressWhateverForwardedForTheyClaim() {
        for (int i = 0; i < LIMIT; i++) {
            client.post().uri("/api/v1/activation").header("X-Forwarded-For", "203.0.113." + i)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                    .exchange()
                    .expectStatus().isOk();
        }

        client.post().uri("/api/v1/activation").header("X-Forwarded-For", "203.0.113.99")
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(429)
                .expectHeader().exists("Retry-After")
                .expectBody().jsonPath("$.code").isEqualTo("RATE_LIMITED");
    }
}
