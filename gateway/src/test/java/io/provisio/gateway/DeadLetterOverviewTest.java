package io.provisio.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

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

/** {@code GET /api/v1/operator/dead-letters}: every service's dead-letter queues in one page, asked with the caller's token. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeadLetterOverviewTest {

    private static final String PATH = "/api/v1/operator/dead-letters";
    private static final TestTokens TOKENS = new TestTokens();
    private static final StubBackend CUSTOMER = StubBackend.start("customer");
    private static final StubBackend IDENTITY = StubBackend.start("identity").answering("/oauth2/jwks", TOKENS.jwkSetJson());
    private static final StubBackend NOTIFICATION = StubBackend.start("notification");
    /** subscription-service is down. */
    private static final String NOBODY_LISTENING = "http://127.0.0.1:" + closedPort();

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("provisio.gateway.services.customer", CUSTOMER::baseUrl);
        registry.add("provisio.gateway.services.identity", IDENTITY::baseUrl);
        registry.add("provisio.gateway.services.subscription", () -> NOBODY_LISTENING);
        registry.add("provisio.gateway.services.notification", NOTIFICATION::baseUrl);
        registry.add("provisio.gateway.jwk-set-uri", () -> IDENTITY.baseUrl() + "/oauth2/jwks");
        registry.add("provisio.gateway.issuer", () -> TestTokens.ISSUER);
        registry.add("management.server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void connect() {
        client = GatewayClient.at(port);
        CUSTOMER.answering(PATH, 200, page(
                queue("saga-replies.customer-service.dlq", "customer-service", 2),
                queue("customer-commands.customer-service.dlq", "customer-service", 0)));
        IDENTITY.answering(PATH, 200, page(queue("identity-commands.identity-service.dlq", "identity-service", 0)));
        NOTIFICATION.answering(PATH, 200, page(
                queue("identity-events.notification-service.dlq", "notification-service", 1)));
        for (StubBackend backend : new StubBackend[] {CUSTOMER, IDENTITY, NOTIFICATION}) {
            backend.reset();
        }
    }

    @AfterAll
    static void stopBackends() {
        CUSTOMER.close();
        IDENTITY.close();
        NOTIFICATION.close();
    }

    @Test
    void listsEveryServicesQueuesAndNamesTheServicesThatDidNotAnswer() {
        String token = TOKENS.forPartner("provisio");

        client.get().uri(PATH)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.total").isEqualTo(4)
                .jsonPath("$.page").isEqualTo(0)
                .jsonPath("$.size").isEqualTo(20)
                .jsonPath("$.items[0].name").isEqualTo("customer-commands.customer-service.dlq")
                .jsonPath("$.items[1].name").isEqualTo("saga-replies.customer-service.dlq")
                .jsonPath("$.items[1].messages").isEqualTo(2)
                .jsonPath("$.items[2].service").isEqualTo("identity-service")
                .jsonPath("$.items[3].name").isEqualTo("identity-events.notification-service.dlq")
                .jsonPath("$.unavailable[0]").isEqualTo("subscription")
                .jsonPath("$.unavailable.length()").isEqualTo(1);

        for (StubBackend backend : new StubBackend[] {CUSTOMER, IDENTITY, NOTIFICATION}) {
            assertThat(backend.requestsTo(PATH)).singleElement()
                    .satisfies(received -> assertThat(received.header("Authorization")).isEqualTo("Bearer " + token));
        }
    }

    @Test
    void asksTheServicesWithinTheCallersTrace() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";

        client.get().uri(PATH)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.forPartner("provisio"))
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .exchange()
                .expectStatus().isOk();

        assertThat(NOTIFICATION.requestsTo(PATH)).singleElement()
                .satisfies(received -> assertThat(received.header("traceparent")).startsWith("00-" + traceId + "-"));
    }

    @Test
    void pagesTheMergedList() {
        client.get().uri(PATH + "?page=1&size=3")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.forPartner("provisio"))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.items.length()").isEqualTo(1)
                .jsonPath("$.items[0].name").isEqualTo("identity-events.notification-service.dlq")
                .jsonPath("$.total").isEqualTo(4);
    }

    @Test
    void passesOnTheServicesRefusalOfATokenWithoutTheOperatorScope() {
        String forbidden = "{\"type\":\"https://provisio.io/problems/forbidden\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"This call is not allowed\",\"code\":\"FORBIDDEN\"}";
        CUSTOMER.answering(PATH, 403, forbidden);
        IDENTITY.answering(PATH, 403, forbidden);
        NOTIFICATION.answering(PATH, 403, forbidden);

        client.get().uri(PATH)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.forPartner("nordic-it"))
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().json(forbidden, true);
    }

    @Test
    void refusesAnAnonymousCallAtTheEdge() {
        client.get().uri(PATH).exchange().expectStatus().isUnauthorized();

        assertThat(CUSTOMER.requestsTo(PATH)).isEmpty();
    }

    @Test
    void reportsEveryInvalidPagingParameterAtOnce() {
        client.get().uri(PATH + "?page=-1&size=500")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.forPartner("provisio"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code").isEqualTo("VALIDATION_FAILED")
                .jsonPath("$.errors[0].field").isEqualTo("page")
                .jsonPath("$.errors[1].field").isEqualTo("size");
    }

    private static String queue(String name, String service, int messages) {
        return "{\"name\":\"" + name + "\",\"service\":\"" + service + "\",\"queue\":\""
                + name.substring(0, name.length() - ".dlq".length()) + "\",\"messages\":" + messages + "}";
    }

    private static String page(String... queues) {
        return "{\"items\":[" + String.join(",", queues) + "],\"page\":0,\"size\":200,\"total\":" + queues.length + "}";
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
