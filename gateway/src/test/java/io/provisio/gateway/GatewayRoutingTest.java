package io.provisio.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The route table, token checks at the edge, and what reaches the services. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayRoutingTest {

    private static final TestTokens TOKENS = new TestTokens();
    private static final StubBackend CUSTOMER = StubBackend.start("customer");
    private static final StubBackend IDENTITY = StubBackend.start("identity")
            .answering("/oauth2/jwks", TOKENS.jwkSetJson());
    private static final StubBackend SUBSCRIPTION = StubBackend.start("subscription");
    private static final StubBackend NOTIFICATION = StubBackend.start("notification");
    private static final Map<String, StubBackend> BACKENDS = Map.of(
            "customer", CUSTOMER, "identity", IDENTITY, "subscription", SUBSCRIPTION, "notification", NOTIFICATION);

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("provisio.gateway.services.customer", CUSTOMER::baseUrl);
        registry.add("provisio.gateway.services.identity", IDENTITY::baseUrl);
        registry.add("provisio.gateway.services.subscription", SUBSCRIPTION::baseUrl);
        registry.add("provisio.gateway.services.notification", NOTIFICATION::baseUrl);
        registry.add("provisio.gateway.jwk-set-uri", () -> IDENTITY.baseUrl() + "/oauth2/jwks");
        registry.add("provisio.gateway.issuer", () -> TestTokens.ISSUER);
        // Routing is under test here, not the budget.
        registry.add("provisio.gateway.rate-limit.limit-for-period", () -> "100000");
        registry.add("management.server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    CircuitBreakerRegistry breakers;

    WebTestClient client;

    @BeforeEach
    void connect() {
        client = GatewayClient.at(port);
        BACKENDS.values().forEach(StubBackend::reset);
    }

    @AfterAll
    static void stopBackends() {
        BACKENDS.values().forEach(StubBackend::close);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
            "POST,   /api/v1/activation,                                         identity",
            "GET,    /api/v1/customers/c-1/users,                                identity",
            "POST,   /api/v1/customers/c-1/users,                                identity",
            "GET,    /api/v1/customers/c-1/users/u-1,                            identity",
            "POST,   /api/v1/customers/c-1/users/u-1/activation,                 identity",
            "GET,    /api/v1/customers/c-1/contacts,                             identity",
            "DELETE, /api/v1/customers/c-1/contacts/k-1,                         identity",
            "POST,   /api/v1/operator/partners,                                  identity",
            "GET,    /api/v1/operator/partners/nordic-it,                        identity",
            "PATCH,  /api/v1/operator/partners/nordic-it,                        identity",
            "GET,    /api/v1/staff,                                              identity",
            "POST,   /api/v1/staff,                                              identity",
            "GET,    /api/v1/staff/stf-1,                                        identity",
            "PATCH,  /api/v1/staff/stf-1,                                        identity",
            "POST,   /api/v1/staff/stf-1/invitation,                             identity",
            "POST,   /api/v1/operator/partners/nordic-it/staff,                  identity",
            "PUT,    /api/v1/customers/c-1/users/u-1/services,                   subscription",
            "GET,    /api/v1/customers/c-1/subscriptions,                        subscription",
            "PATCH,  /api/v1/customers/c-1/subscriptions/s-1,                    subscription",
            "GET,    /api/v1/plans,                                              subscription",
            "GET,    /api/v1/inventory,                                          subscription",
            "PUT,    /api/v1/operator/plans/HOSTED-EXCHANGE,                     subscription",
            "PUT,    /api/v1/operator/partners/nordic-it/inventory/HOSTED-EXCHANGE, subscription",
            "GET,    /api/v1/operator/onboardings,                               customer",
            "POST,   /api/v1/operator/onboardings/onb-1/retry,                   customer",
            "POST,   /api/v1/operator/onboardings/onb-1/compensate,              customer",
            "GET,    /api/v1/operator/dead-letters/saga-replies.customer-service.dlq,           customer",
            "POST,   /api/v1/operator/dead-letters/customer-commands.customer-service.dlq/redrive, customer",
            "GET,    /api/v1/operator/dead-letters/identity-commands.identity-service.dlq,      identity",
            "POST,   /api/v1/operator/dead-letters/t1a2b3c4-customer-events.identity-service.dlq/redrive, identity",
            "GET,    /api/v1/operator/dead-letters/identity-events.subscription-service.dlq,    subscription",
            "POST,   /api/v1/operator/dead-letters/subscription-commands.subscription-service.dlq/redrive, subscription",
            "GET,    /api/v1/operator/dead-letters/identity-events.notification-service.dlq,    notification",
            "POST,   /api/v1/operator/dead-letters/subscription-events.notification-service.dlq/redrive, notification",
            "GET,    /api/v1/customers/c-1/notifications,                        notification",
            "GET,    /api/v1/customers/c-1/notifications/n-1,                    notification",
            "GET,    /api/v1/customers/c-1/notifications/n-1/preview,            notification",
            "PATCH,  /api/v1/customers/c-1/notifications/n-1,                    notification",
            "POST,   /api/v1/customers/c-1/notifications/n-1/cancel,             notification",
            "POST,   /api/v1/customers/c-1/notifications/n-1/resend,             notification",
            "POST,   /api/v1/webhooks,                                           notification",
            "GET,    /api/v1/webhooks/whe-1/deliveries,                          notification",
            "POST,   /api/v1/webhooks/whe-1/deliveries/whd-1/redeliver,          notification",
            "POST,   /api/v1/onboardings,                                        customer",
            "GET,    /api/v1/onboardings/o-1,                                    customer",
            "POST,   /api/v1/onboarding-drafts,                                  customer",
            "PUT,    /api/v1/onboarding-drafts/drf-1,                            customer",
            "DELETE, /api/v1/onboarding-drafts/drf-1,                            customer",
            "GET,    /api/v1/customers,                                          customer",
            "GET,    /api/v1/customers/c-1,                                      customer",
            "POST,   /api/v1/customers/c-1/suspend,                              customer",
            "POST,   /api/v1/customers/c-1/resume,                               customer",
            "GET,    /userinfo,                                                  identity"})
    void routesVerifiedCallToTheServiceOwningThePath(String method, String path, String backend) {
        String token = TOKENS.forPartner("nordic-it");

        client.method(HttpMethod.valueOf(method)).uri(path)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header("X-Partner-Id", "someone-else")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.backend").isEqualTo(backend);

        StubBackend owner = BACKENDS.get(backend);
        assertThat(owner.requestsTo(path)).singleElement().satisfies(received -> {
            assertThat(received.method()).isEqualTo(method);
            assertThat(received.header("Authorization")).isEqualTo("Bearer " + token);
            assertThat(received.headers()).doesNotContainKey("X-Partner-Id");
        });
        BACKENDS.forEach((name, other) -> {
            if (!name.equals(backend)) {
                assertThat(other.requestsTo(path)).as("requests that reached %s", name).isEmpty();
            }
        });
    }

    @Test
    void passesTokenRequestWithoutBearerTokenAndRelaysClientCredentials() {
        client.post().uri("/oauth2/token")
                .header(HttpHeaders.AUTHORIZATION, "Basic bm9yZGljLWl0LWFwaTpjaGFuZ2UtbWU=")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("grant_type=client_credentials")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.backend").isEqualTo("identity");

        assertThat(IDENTITY.requestsTo("/oauth2/token")).singleElement()
                .satisfies(received -> assertThat(received.header("Authorization"))
                        .isEqualTo("Basic bm9yZGljLWl0LWFwaTpjaGFuZ2UtbWU="));
    }

    @Test
    void passesKeySetRequestWithoutToken() {
        client.get().uri("/oauth2/jwks")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.keys[0].kid").isEqualTo("test-key");
    }

    @Test
    void passesActivationWithoutToken() {
        client.post().uri("/api/v1/activation")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"token\":\"t\",\"password\":\"p\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.backend").isEqualTo("identity");
    }

    @Test
    void passesActivationPageWithoutTokenAndGuardsItsHeaders() {
        client.get().uri("/activate?token=abc")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp)
                        .contains("frame-ancestors 'none'").contains("script-src 'self'")
                        .doesNotContain("unsafe-inline"))
                .expectBody().jsonPath("$.backend").isEqualTo("identity");
        for (String path : List.of("/activate/assets/activate.js", "/activate/check", "/activate/new-link",
                "/activate/staff", "/activate/staff/check", "/setup",
                "/setup/check")) {
            client.post().uri(path).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.backend").isEqualTo("identity");
        }
    }

    @Test
    void rejectsCallWithoutTokenAsProblem() {
        EntityExchangeResult<byte[]> result = client.get().uri("/api/v1/customers")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://provisio.io/problems/unauthorized")
                .jsonPath("$.title").isEqualTo("Unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.detail").isNotEmpty()
                .jsonPath("$.code").isEqualTo("UNAUTHORIZED")
                .returnResult();

        assertThat(result.getResponseBody()).isNotEmpty();
        assertThat(CUSTOMER.received()).isEmpty();
    }

    @Test
    void rejectsTokenWithForeignSignature() {
        expectUnauthorized(TOKENS.withForeignSignature("nordic-it"));
    }

    @Test
    void rejectsTokenWithoutPartnerClaim() {
        expectUnauthorized(TOKENS.withoutPartner());
    }

    @Test
    void rejectsTokenOfAnotherIssuer() {
        expectUnauthorized(TOKENS.fromIssuer("nordic-it", "http://evil.test"));
    }

    @Test
    void rejectsExpiredToken() {
        expectUnauthorized(TOKENS.expired("nordic-it"));
    }

    @Test
    void rejectsMalformedToken() {
        expectUnauthorized("not-a-jwt");
    }

    @Test
    void rejectsBearerHeaderThatHoldsNoToken() {
        client.get().uri("/api/v1/customers")
                .header(HttpHeaders.AUTHORIZATION, "Bearer not a token")
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectBody().jsonPath("$.code").isEqualTo("UNAUTHORIZED");

        assertThat(CUSTOMER.received()).isEmpty();
    }

    @Test
    void forbidsPathsOutsideTheApiEvenWithValidToken() {
        for (String path : List.of("/internal/admin", "/fallback/customer")) {
            client.get().uri(path)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.forPartner("nordic-it"))
                    .exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.status").isEqualTo(403)
                    .jsonPath("$.code").isEqualTo("FORBIDDEN");
        }
    }

    @Test
    void leavesGetOfPartnersCollectionUnrouted() {
        // Only creating a partner is routed; there is no partner listing in the public API.
        client.get().uri("/api/v1/operator/partners")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.forPartner("operator"))
                .exchange()
                .expectStatus().isNotFound();

        assertThat(IDENTITY.requestsTo("/api/v1/operator/partners")).isEmpty();
    }

    @Test
    void leavesDeadLetterQueuesOfNoServiceUnrouted() {
        for (String path : List.of("/api/v1/operator/dead-letters/saga-replies.billing-service.dlq/redrive",
                "/api/v1/operator/dead-letters/saga-replies.customer-service")) {
            client.post().uri(path)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.forPartner("operator"))
                    .exchange()
                    .expectStatus().isNotFound();
        }

        BACKENDS.values().forEach(backend -> assertThat(backend.received()).isEmpty());
    }

    @Test
    void passesBackendClientErrorUntouchedWithoutCountingItAsFailure() {
        client.get().uri("/api/v1/customers/missing")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.forPartner("nordic-it"))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().json(StubBackend.MISSING_BODY, true);

        CircuitBreaker customer = breakers.find("customer").orElseThrow();
        assertThat(customer.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(customer.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void continuesCallersTraceTowardsTheService() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";

        client.get().uri("/api/v1/customers/c-7")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.forPartner("nordic-it"))
                .header("traceparent", "00-" + traceId + "-b7ad6b7169203331-01")
                .exchange()
                .expectStatus().isOk();

        assertThat(CUSTOMER.requestsTo("/api/v1/customers/c-7")).singleElement()
                .satisfies(received -> assertThat(received.header("traceparent"))
                        .matches("00-" + traceId + "-[0-9a-f]{16}-01")
                        .isNotEqualTo("00-" + traceId + "-b7ad6b7169203331-01"));
    }

    @Test
    void startsTraceTowardsTheServiceWhenCallerSentNone() {
        client.get().uri("/api/v1/plans")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKENS.forPartner("nordic-it"))
                .exchange()
                .expectStatus().isOk();

        assertThat(SUBSCRIPTION.requestsTo("/api/v1/plans")).singleElement()
                .satisfies(received -> assertThat(received.header("traceparent"))
                        .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"));
    }

    @Test
    void servesProbesAndMetricsOnManagementPortOnly() {
        WebTestClient management = GatewayClient.at(managementPort);

        management.get().uri("/actuator/health/liveness").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        management.get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk();
        management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("application=\"gateway\""));

        client.get().uri("/actuator/health").exchange()
                .expectStatus().value(status -> assertThat(status).isNotEqualTo(HttpStatus.OK.value()));
    }

    private void expectUnauthorized(String token) {
        client.get().uri("/api/v1/customers")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().value(HttpHeaders.WWW_AUTHENTICATE, value -> assertThat(value).startsWith("Bearer"))
                .expectBody()
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.code").isEqualTo("UNAUTHORIZED");

        assertThat(CUSTOMER.received()).isEmpty();
    }
}
