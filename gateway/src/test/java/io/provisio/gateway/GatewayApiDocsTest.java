package io.provisio.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one OpenAPI document (ADR 019): merged from the services' own, which the stubs serve; a service that is down
 * leaves the others' paths in place and is named; a service that fails after a good copy is served from that copy.
 * Swagger UI from the WebJar, and OAuth2 discovery routed to identity without a token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayApiDocsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ISSUER = "https://api.provisio.test";
    private static final StubBackend CUSTOMER = StubBackend.start("customer")
            .answering(StubBackend.OPENAPI_PATH, document("/api/v1/onboardings", "post",
                    "{\"Page\":{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\"}}},"
                            + "\"Problem\":{\"type\":\"object\"}}"));
    private static final StubBackend IDENTITY = StubBackend.start("identity")
            .answering(StubBackend.OPENAPI_PATH, document("/api/v1/customers/{id}/users", "get",
                    "{\"Page\":{\"type\":\"object\",\"properties\":{\"users\":{\"type\":\"array\"}}},"
                            + "\"Problem\":{\"type\":\"object\"}}"));
    private static final StubBackend SUBSCRIPTION = StubBackend.start("subscription")
            .answering(StubBackend.OPENAPI_PATH, 503, "{\"code\":\"SERVICE_UNAVAILABLE\"}");
    private static final StubBackend NOTIFICATION = StubBackend.start("notification")
            .answering(StubBackend.OPENAPI_PATH, document("/api/v1/customers/{id}/notifications", "get", "{}"));

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("provisio.gateway.services.customer", CUSTOMER::baseUrl);
        registry.add("provisio.gateway.services.identity", IDENTITY::baseUrl);
        registry.add("provisio.gateway.services.subscription", SUBSCRIPTION::baseUrl);
        registry.add("provisio.gateway.services.notification", NOTIFICATION::baseUrl);
        registry.add("provisio.gateway.jwk-set-uri", () -> IDENTITY.baseUrl() + "/oauth2/jwks");
        registry.add("provisio.gateway.issuer", () -> ISSUER);
        registry.add("provisio.gateway.api-docs.refresh-interval", () -> "200ms");
        registry.add("provisio.gateway.api-docs.retry-interval", () -> "200ms");
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
    static void stopBackends() {
        List.of(CUSTOMER, IDENTITY, SUBSCRIPTION, NOTIFICATION).forEach(StubBackend::close);
    }

    /** A service's document with one operation and the given component schemas. */
    private static String document(String path, String method, String schemas) {
        return "{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"s\",\"version\":\"1\"},\"paths\":{\"" + path + "\":{\""
                + method + "\":{\"operationId\":\"op" + path.hashCode() + "\",\"responses\":{\"200\":{\"description\":"
                + "\"ok\",\"content\":{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/Page\"}}}}}}}},"
                + "\"components\":{\"schemas\":" + schemas + "}}";
    }

    private JsonNode documentNow() {
        byte[] body = client.get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader().exists("X-RateLimit-Remaining")
                .expectBody().returnResult().getResponseBody();
        return JSON.readTree(body);
    }

    private static List<String> names(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }

    @Test
    void mergesTheServicesDocumentsAndNamesTheOneThatIsDownThenTakesItWhenItIsBack() {
        JsonNode merged = await().atMost(Duration.ofSeconds(20)).until(this::documentNow,
                document -> document.path("paths").has("/api/v1/customers/{id}/notifications")
                        && document.path("paths").has("/api/v1/customers/{id}/users")
                        && document.path("paths").has("/api/v1/onboardings"));

        assertThat(merged.path("openapi").asString()).isEqualTo("3.1.0");
        assertThat(merged.path("servers").get(0).path("url").asString()).isEqualTo(ISSUER);
        assertThat(names(merged.path("paths"))).contains("/oauth2/token", "/oauth2/jwks",
                "/.well-known/oauth-authorization-server");
        assertThat(merged.path("x-provisio-unavailable").toString()).isEqualTo("[\"subscription\"]");
        assertThat(merged.path("info").path("description").asString()).contains("subscription");
        assertThat(merged.path("components").path("securitySchemes").path("partner-token").path("flows")
                .path("clientCredentials").path("tokenUrl").asString()).isEqualTo(ISSUER + "/oauth2/token");
        // Two services' different Page schemas: identity's is renamed, and its operation refers to its own.
        assertThat(names(merged.path("components").path("schemas"))).contains("Page", "IdentityPage", "Problem")
                .doesNotContain("IdentityProblem");
        assertThat(merged.path("paths").path("/api/v1/customers/{id}/users").path("get").path("responses")
                .path("200").path("content").path("application/json").path("schema").path("$ref").asString())
                .isEqualTo("#/components/schemas/IdentityPage");
        assertThat(merged.path("paths").path("/api/v1/onboardings").path("post").path("responses")
                .path("200").path("content").path("application/json").path("schema").path("$ref").asString())
                .isEqualTo("#/components/schemas/Page");

        SUBSCRIPTION.answering(StubBackend.OPENAPI_PATH, 200, document("/api/v1/plans", "get", "{}"));
        JsonNode complete = await().atMost(Duration.ofSeconds(20)).until(this::documentNow,
                document -> document.path("paths").has("/api/v1/plans"));
        assertThat(complete.has("x-provisio-unavailable")).isFalse();

        // A service that stops answering is served from its last good copy, and the document says it is old.
        CUSTOMER.answering(StubBackend.OPENAPI_PATH, 503, "{\"code\":\"SERVICE_UNAVAILABLE\"}");
        JsonNode stale = await().atMost(Duration.ofSeconds(20)).until(this::documentNow,
                document -> document.has("x-provisio-stale"));
        assertThat(stale.path("x-provisio-stale").toString()).isEqualTo("[\"customer\"]");
        assertThat(names(stale.path("paths"))).contains("/api/v1/onboardings", "/api/v1/plans");
    }

    @Test
    void servesSwaggerUiFromItsWebJarWithoutAToken() {
        String location = client.get().uri("/api/docs").exchange()
                .expectStatus().is3xxRedirection()
                .returnResult(String.class).getResponseHeaders().getFirst(HttpHeaders.LOCATION);
        assertThat(location).contains("/swagger-ui/index.html");

        String page = client.get().uri(location).exchange().expectStatus().value(status -> assertThat(status).as(location).isEqualTo(200))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("swagger-ui").doesNotContain("https://");

        client.get().uri("/api/swagger-ui/swagger-initializer.js").exchange().expectStatus().isOk()
                .expectBody(String.class).value(script -> assertThat(script).doesNotContain("petstore"));
        client.get().uri("/api/docs/springdoc/swagger-config").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.url").isEqualTo("/v3/api-docs");
        // springdoc's own document of the gateway's controllers is not the API's and stays closed.
        client.get().uri("/api/docs/springdoc").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void routesOAuth2DiscoveryToIdentityWithoutAToken() {
        client.get().uri("/.well-known/oauth-authorization-server").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.backend").isEqualTo("identity");
        client.get().uri("/.well-known/openid-configuration").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.backend").isEqualTo("identity");
        assertThat(IDENTITY.requestsTo("/.well-known/oauth-authorization-server")).singleElement()
                .satisfies(request -> assertThat(request.header("Authorization")).isNull());
    }
}
