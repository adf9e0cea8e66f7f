package io.provisio.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A backend that refuses connections or does not answer in time yields a 503 problem naming no internals. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayBackendDownTest {

    private static final TestTokens TOKENS = new TestTokens();
    /** Serves the key set, and plays the stuck customer-service. */
    private static final StubBackend KEYS_AND_STUCK_CUSTOMER = StubBackend.start("keys")
            .answering("/oauth2/jwks", TOKENS.jwkSetJson());
    private static final String NOBODY_LISTENING = "http://127.0.0.1:" + closedPort();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("provisio.gateway.services.customer", KEYS_AND_STUCK_CUSTOMER::baseUrl);
        registry.add("provisio.gateway.services.identity", () -> NOBODY_LISTENING);
        registry.add("provisio.gateway.services.subscription", () -> NOBODY_LISTENING);
        registry.add("provisio.gateway.services.notification", () -> NOBODY_LISTENING);
        registry.add("provisio.gateway.jwk-set-uri", () -> KEYS_AND_STUCK_CUSTOMER.baseUrl() + "/oauth2/jwks");
        registry.add("provisio.gateway.issuer", () -> TestTokens.ISSUER);
        registry.add("spring.cloud.gateway.server.webflux.httpclient.response-timeout", () -> "500ms");
        registry.add("management.server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    @Autowired
    CircuitBreakerRegistry breakers;

    WebTestClient client;

    @BeforeEach
    void connect() {
        client = GatewayClient.at(port);
    }

    @AfterAll
    static void stopBackend() {
        KEYS_AND_STUCK_CUSTOMER.close();
    }

    @Test
    void answersUnavailableWhenBackendRefusesConnections() {
        byte[] body = client.get().uri("/api/v1/plans")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.forPartner("nordic-it"))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://provisio.io/problems/service-unavailable")
                .jsonPath("$.title").isNotEmpty()
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.code").isEqualTo("SERVICE_UNAVAILABLE")
                .returnResult().getResponseBody();

        assertThat(new String(body, StandardCharsets.UTF_8))
                .doesNotContain("127.0.0.1", NOBODY_LISTENING, "subscription", "Exception");

        CircuitBreaker subscription = breakers.find("subscription").orElseThrow();
        assertThat(subscription.getMetrics().getNumberOfFailedCalls()).isPositive();
        // The suite's breaker settings (application.yml), not Resilience4j's defaults, guard the backend.
        assertThat(subscription.getCircuitBreakerConfig().getSlidingWindowSize()).isEqualTo(20);
        assertThat(subscription.getCircuitBreakerConfig().getMinimumNumberOfCalls()).isEqualTo(10);
    }

    @Test
    void answersUnavailableOnPublicPathWhenBackendIsDown() {
        client.post().uri("/api/v1/activation").contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.code").isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void answersAPageInTheBrowsersLanguageWhenThePagesServiceIsDown() {
        // The administrator who clicks the activation link while identity is down reads a page, not JSON.
        String page = client.get().uri("/activate?token=some-token")
                .header(HttpHeaders.ACCEPT_LANGUAGE, "sv-SE,sv;q=0.9,en;q=0.5")
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals(HttpHeaders.RETRY_AFTER, "60")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<html lang=\"sv\"", "Tillfälligt otillgänglig")
                .doesNotContain("some-token", "127.0.0.1", "identity", "Exception");

        assertThat(client.post().uri("/activate").header(HttpHeaders.ACCEPT_LANGUAGE, "nb-NO")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).bodyValue("token=t&password=p")
                .exchange().expectStatus().isEqualTo(503)
                .expectBody(String.class).returnResult().getResponseBody())
                .contains("<html lang=\"nb\"", "Midlertidig utilgjengelig");
        assertThat(client.get().uri("/activate?token=t").header(HttpHeaders.ACCEPT_LANGUAGE, "nn-NO, en;q=0.5")
                .exchange().expectStatus().isEqualTo(503)
                .expectBody(String.class).returnResult().getResponseBody())
                .as("Nynorsk reads as Bokmål, as everywhere else in the suite").contains("<html lang=\"nb\"");
        assertThat(client.get().uri("/activate?token=t").header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR, ja;q=0.2")
                .exchange().expectStatus().isEqualTo(503)
                .expectBody(String.class).returnResult().getResponseBody())
                .contains("<html lang=\"en\"", "Temporarily unavailable");
    }

    @Test
    void answersUnavailableWhenBackendDoesNotAnswerInTime() {
        client.get().uri("/api/v1/customers/hang")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.forPartner("nordic-it"))
                .exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("SERVICE_UNAVAILABLE");
    }

    @Test
    void leavesTheGatewaysOwnLoadSheddingOutOfTheBreaker() {
        // A full bulkhead is answered 503 by the fallback, but one client's burst must not open the breaker for all.
        BulkheadFullException full = BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("identity"));

        assertThat(breakers.circuitBreaker("identity").getCircuitBreakerConfig().getIgnoreExceptionPredicate().test(full))
                .isTrue();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
