package io.provisio.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 15's measured lock-out, replayed against a stub identity-service that checks client secrets: one client
 * floods {@code /oauth2/token} with wrong secrets, 600 requests 32 at a time, while another partner asks for
 * tokens. The flooder is throttled by its client id; the other partner, from the same address, is answered
 * 200 every time; identity's circuit breaker records no failure and stays closed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TokenEndpointFloodTest {

    /** Per client id; refills only after the test class has run, so every count below is exact. */
    private static final int CLIENT_LIMIT = 20;
    /**
     * Per address, and every request here comes from loopback: lower than the flood, so the test also shows
     * that requests refused for their client id do not use up the address's budget.
     */
    private static final int ADDRESS_LIMIT = 120;
    private static final String GOOD_CLIENT = "nordic-it-api";
    private static final String GOOD_SECRET = "change-me";
    private static final String OK_BODY =
            "{\"access_token\":\"opaque\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"scope\":\"onboarding\"}";
    private static final String INVALID_CLIENT = "{\"error\":\"invalid_client\"}";

    private static final TestTokens TOKENS = new TestTokens();
    private static final StubBackend IDENTITY = StubBackend.start("identity")
            .answering("/oauth2/jwks", TOKENS.jwkSetJson())
            .answering("/oauth2/token", TokenEndpointFloodTest::identityAnswer);
    private static final StubBackend OTHERS = StubBackend.start("others");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("provisio.gateway.services.identity", IDENTITY::baseUrl);
        registry.add("provisio.gateway.services.customer", OTHERS::baseUrl);
        registry.add("provisio.gateway.services.subscription", OTHERS::baseUrl);
        registry.add("provisio.gateway.services.notification", OTHERS::baseUrl);
        registry.add("provisio.gateway.jwk-set-uri", () -> IDENTITY.baseUrl() + "/oauth2/jwks");
        registry.add("provisio.gateway.issuer", () -> TestTokens.ISSUER);
        registry.add("provisio.gateway.rate-limit.token-client.limit-for-period", () -> String.valueOf(CLIENT_LIMIT));
        registry.add("provisio.gateway.rate-limit.token-client.limit-refresh-period", () -> "1h");
        registry.add("provisio.gateway.rate-limit.address.limit-for-period", () -> String.valueOf(ADDRESS_LIMIT));
        registry.add("provisio.gateway.rate-limit.address.limit-refresh-period", () -> "1h");
        registry.add("management.server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    HttpClient http;

    @BeforeEach
    void connect() {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        IDENTITY.reset();
    }

    @AfterEach
    void breakerStaysClosedWithoutFailures() {
        CircuitBreaker identity = breakers.find("identity").orElseThrow();
        assertThat(identity.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(identity.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @AfterAll
    static void stopBackends() {
        IDENTITY.close();
        OTHERS.close();
    }

    @Test
    void answersOtherPartnersTokenRequestsWhileOneClientFloodsWithWrongSecrets() throws Exception {
        Queue<Integer> flooder = new ConcurrentLinkedQueue<>();
        Queue<Integer> otherPartner = new ConcurrentLinkedQueue<>();
        List<Callable<Void>> calls = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            // A different wrong secret each time: the budget is the client id's, whatever secret it tries.
            String secret = "wrong-secret-" + i;
            calls.add(() -> {
                flooder.add(tokenRequest(basic("flooding-it-api", secret), "grant_type=client_credentials").statusCode());
                return null;
            });
            if (i % 60 == 30) {
                calls.add(() -> {
                    otherPartner.add(tokenRequest(basic(GOOD_CLIENT, GOOD_SECRET), "grant_type=client_credentials")
                            .statusCode());
                    return null;
                });
            }
        }

        try (ExecutorService clients = Executors.newFixedThreadPool(32)) {
            for (Future<Void> call : clients.invokeAll(calls)) {
                call.get();
            }
        }

        assertThat(otherPartner).hasSize(10).containsOnly(200);
        assertThat(flooder).hasSize(600);
        assertThat(flooder.stream().filter(status -> status == 401)).hasSize(CLIENT_LIMIT);
        assertThat(flooder.stream().filter(status -> status == 429)).hasSize(600 - CLIENT_LIMIT);
        assertThat(IDENTITY.requestsTo("/oauth2/token")).hasSize(CLIENT_LIMIT + 10);
        assertThat(breakers.find("identity").orElseThrow().getMetrics().getNumberOfSuccessfulCalls())
                .as("identity's 401s and 200s, recorded by its breaker as answers, not failures")
                .isPositive();
    }

    @Test
    void limitsTokenRequestsByTheClientIdOfTheForm() throws Exception {
        String form = "grant_type=client_credentials&client_id=posting-it-api&client_secret=wrong";
        for (int i = 0; i < CLIENT_LIMIT; i++) {
            assertThat(tokenRequest(null, form).statusCode()).isEqualTo(401);
        }

        HttpResponse<String> refused = tokenRequest(null, form);

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("3600");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.body()).contains("\"code\":\"RATE_LIMITED\"", "\"status\":429");
        assertThat(tokenRequest(basic(GOOD_CLIENT, GOOD_SECRET), "grant_type=client_credentials").statusCode())
                .isEqualTo(200);
        assertThat(IDENTITY.requestsTo("/oauth2/token")).hasSize(CLIENT_LIMIT + 1);
    }

    @Test
    void letsTokenRequestsNamingNoClientShareOneBudget() throws Exception {
        for (int i = 0; i < CLIENT_LIMIT; i++) {
            String malformed = i % 2 == 0 ? null : "Basic not-base64!";
            assertThat(tokenRequest(malformed, "grant_type=client_credentials").statusCode()).isEqualTo(401);
        }

        assertThat(tokenRequest(null, "grant_type=client_credentials").statusCode()).isEqualTo(429);
        assertThat(tokenRequest(basic(GOOD_CLIENT, GOOD_SECRET), "grant_type=client_credentials").statusCode())
                .isEqualTo(200);
    }

    @ParameterizedTest(name = "identity answers {0}")
    @ValueSource(ints = {400, 401, 429})
    void passesIdentityClientErrorUntouchedWithoutCountingItAsFailure(int status) throws Exception {
        HttpResponse<String> response = tokenRequest(basic("answers-" + status, "any"), "grant_type=client_credentials");

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.body()).isEqualTo(INVALID_CLIENT);
    }

    /** identity-service's token endpoint, reduced to its answers: 200 for the right secret, else 401. */
    private static StubBackend.Answer identityAnswer(StubBackend.Received request) {
        String authorization = request.header("Authorization");
        if (basic(GOOD_CLIENT, GOOD_SECRET).equals(authorization)) {
            return new StubBackend.Answer(200, OK_BODY);
        }
        for (int status : new int[] {400, 429}) {
            if (basic("answers-" + status, "any").equals(authorization)) {
                return new StubBackend.Answer(status, INVALID_CLIENT);
            }
        }
        return new StubBackend.Answer(401, INVALID_CLIENT);
    }

    private HttpResponse<String> tokenRequest(String authorization, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
