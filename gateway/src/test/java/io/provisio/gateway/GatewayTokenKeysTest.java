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
 * The gateway against identity's key set after a rotation (ADR 009): the previous key still verifies, the
 * audience is required, and tokens naming made-up key ids do not make it refetch the set per request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayTokenKeysTest {

    private static final TestTokens TOKENS = new TestTokens();
    private static final String JWKS = "/oauth2/jwks";
    /** Plays identity (its key set endpoint, counting the fetches) and every backend. */
    private static final StubBackend IDENTITY = StubBackend.start("all")
            .answering(JWKS, TOKENS.jwkSetJsonAfterRotation());

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        IDENTITY.standForEveryService(registry);
        registry.add("provisio.gateway.issuer", () -> TestTokens.ISSUER);
        // Longer than the test runs, so the fetch count is exact whatever the machine's speed.
        registry.add("provisio.security.jwk-set-refetch-interval", () -> "1m");
        registry.add("provisio.gateway.rate-limit.limit-for-period", () -> "1000");
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
        IDENTITY.close();
    }

    @Test
    void acceptsTokenSignedWithTheCurrentKey() {
        call(TOKENS.forPartner("nordic-it")).expectStatus().isOk();
    }

    @Test
    void acceptsTokenSignedWithThePreviousKeyAfterRotation() {
        call(TOKENS.signedBeforeRotation("nordic-it")).expectStatus().isOk();
    }

    @Test
    void refusesTokenWithoutTheAudience() {
        expectInvalidToken(call(TOKENS.forAudience("nordic-it", null)));
    }

    @Test
    void refusesTokenForAnotherAudience() {
        expectInvalidToken(call(TOKENS.forAudience("nordic-it", "billing-api")));
    }

    @Test
    void refetchesTheKeySetAtMostTwiceWhateverKeyIdsTokensClaim() {
        int before = IDENTITY.requestsTo(JWKS).size();

        for (int i = 0; i < 40; i++) {
            expectInvalidToken(call(TOKENS.withUnknownKeyId("nordic-it")));
        }

        assertThat(IDENTITY.requestsTo(JWKS).size() - before).isLessThanOrEqualTo(2);
        // Genuine tokens are still verified from the cached set.
        call(TOKENS.forPartner("alpine-msp")).expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec call(String token) {
        return client.get().uri("/api/v1/plans").header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    private static void expectInvalidToken(WebTestClient.ResponseSpec response) {
        response.expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("UNAUTHORIZED");
    }
}
