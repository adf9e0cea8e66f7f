package io.provisio.gateway;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A gateway that has never seen identity's key set (just started) while identity is away: a valid token
 * cannot be checked, which is the suite's moment of unavailability, not the client's mistake. It gets 503
 * with Retry-After, not a 401 that would make it throw the token away, nor a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayKeysUnavailableTest {

    private static final TestTokens TOKENS = new TestTokens();
    private static final String JWKS = "/oauth2/jwks";
    /** Identity, restarting: its key set endpoint answers 503; the backends would answer 200. */
    private static final StubBackend IDENTITY = StubBackend.start("all")
            .answering(JWKS, 503, "{\"code\": \"SERVICE_UNAVAILABLE\"}");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        IDENTITY.standForEveryService(registry);
        registry.add("provisio.gateway.issuer", () -> TestTokens.ISSUER);
        registry.add("management.server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopBackend() {
        IDENTITY.close();
    }

    @Test
    void answers503WithRetryAfterWhenTheKeySetCannotBeFetched() {
        GatewayClient.at(port)
                .get().uri("/api/v1/plans").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.forPartner("nordic-it"))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "5")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("SERVICE_UNAVAILABLE");
    }
}
