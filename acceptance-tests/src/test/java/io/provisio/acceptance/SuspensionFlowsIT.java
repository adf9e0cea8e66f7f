package io.provisio.acceptance;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A suspension reaching every service (issue 13, section 6), through the gateway with a partner's token: the
 * partner suspends a customer, and until it resumes it no e-mail of the customer leaves (not even when due),
 * no user is added, no user gets a new service and billing is paused; after the resume the held e-mails
 * arrive once each, the activation link in them works, and billing runs again.
 *
 * <p>An activation link that expires during a suspension cannot be shown here: the events carry
 * customer-service's real instants while the link's expiry is on identity's test clock. The services' own ITs
 * cover it (identity-service {@code CustomerSuspensionIT}, notification-service {@code SuspendedCustomerEmailsIT}).
 */
@ExtendWith(Suite.class)
class SuspensionFlowsIT {

    private static final Duration SAGA = Duration.ofSeconds(60);
    private static final String STRONG = Onboardings.STRONG_PASSWORD;

    private Suite suite;
    private Api nordic;

    @BeforeEach
    void partner() {
        suite = Suite.get();
        nordic = Api.nordic();
    }

    @Test
    void aSuspendedCustomerGetsNoEmailNoNewUserNoNewServiceAndNoBillingUntilItIsResumed() throws Exception {
        // The welcome and activation e-mails are due tomorrow on notification-service's clock (only ever moved
        // forward, by this test alone) and on customer-service's, which judges sendAt.
        Instant notificationNow = suite.advanceClock("notification-service", Duration.ZERO);
        Instant sendAt = later(notificationNow, Instant.now()).plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        ((ObjectNode) request.get("welcomeEmail")).put("sendAt", sendAt.toString());
        String admin = request.get("administrator").get("email").asString();
        String customerId = completed(request);
        String base = "/api/v1/customers/" + customerId;
        String adminId = nordic.get(base + "/users").json().get("items").get(0).get("id").asString();
        await("the administrator reached subscription-service").atMost(SAGA)
                .until(() -> nordic.get(base + "/users/" + adminId + "/services").status() == 200);
        await("the onboarding's e-mails released").atMost(SAGA).until(() -> emails(base).stream()
                .allMatch(mail -> history(base, mail).contains("RELEASED")));

        Api.Response suspended = nordic.post(base + "/suspend", "");
        assertThat(suspended.status()).as(suspended.text()).isEqualTo(200);
        assertThat(suspended.json().get("status").asString()).isEqualTo("SUSPENDED");

        await("billing paused").atMost(SAGA).until(() -> subscriptions(base).stream()
                .allMatch(s -> !s.get("billingPausedAt").isNull()));
        await("e-mails held").atMost(SAGA).until(() -> emails(base).stream()
                .allMatch(mail -> history(base, mail).contains("HELD")));
        // Refused before anything is read or written, so an invalid body shows when identity knows it, harmlessly.
        await("identity refuses new users").atMost(SAGA).until(() -> nordic.post(base + "/users", "{}").status() == 409);
        assertProblem(nordic.post(base + "/users", newUser()), 409, "CUSTOMER_SUSPENDED");
        assertProblem(nordic.put(base + "/users/" + adminId + "/services", "{\"planCodes\": [\"HOSTED-EXCHANGE\"]}"),
                409, "CUSTOMER_SUSPENDED");

        // Their time comes while suspended: nothing leaves. Another customer's e-mail, due at once, shows that the
        // dispatcher ran meanwhile.
        suite.advanceClock("notification-service", Duration.ofDays(2));
        ObjectNode other = Onboardings.swedishCustomerWithHostedServices();
        String otherAdmin = other.get("administrator").get("email").asString();
        completed(other);
        await("another customer's welcome e-mail").atMost(SAGA)
                .until(() -> !Mails.to(suite.mail().getReceivedMessages(), otherAdmin).isEmpty());
        assertThat(Mails.to(suite.mail().getReceivedMessages(), admin)).isEmpty();
        assertThat(emails(base)).allSatisfy(mail -> assertThat(mail.get("status").asString()).isEqualTo("SCHEDULED"));

        Api.Response resumed = nordic.post(base + "/resume", "");
        assertThat(resumed.status()).as(resumed.text()).isEqualTo(200);
        assertThat(resumed.json().get("status").asString()).isEqualTo("ACTIVE");

        await("welcome and activation e-mails sent").atMost(SAGA).until(() -> emails(base).stream()
                .allMatch(mail -> "SENT".equals(mail.get("status").asString())));
        assertThat(Mails.to(suite.mail().getReceivedMessages(), admin)).as("each once").hasSize(2);
        String token = Mails.activationTokens(suite.mail().getReceivedMessages(), admin).getFirst();
        Api.Response activated = await("identity resumed").atMost(SAGA).until(() -> activate(token),
                answer -> answer.status() != 409);
        assertThat(activated.status()).as(activated.text()).isEqualTo(200);
        await("billing runs again").atMost(SAGA).until(() -> subscriptions(base).stream()
                .allMatch(s -> s.get("billingPausedAt").isNull() && "ACTIVE".equals(s.get("status").asString())));
        assertThat(nordic.put(base + "/users/" + adminId + "/services", "{\"planCodes\": [\"HOSTED-EXCHANGE\"]}")
                .status()).isEqualTo(200);
        assertThat(nordic.post(base + "/users", newUser()).status()).isEqualTo(201);
        assertThat(Mails.to(suite.mail().getReceivedMessages(), admin)).as("still each once").hasSize(2);
    }

    private String completed(ObjectNode request) {
        Api.Response accepted = nordic.post("/api/v1/onboardings", request.toString());
        assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
        return await(accepted.location() + " COMPLETED").atMost(SAGA).pollInterval(Duration.ofMillis(100))
                .until(() -> nordic.get(accepted.location()).json(),
                        o -> "COMPLETED".equals(o.get("status").asString()))
                .get("customerId").asString();
    }

    private Api.Response activate(String token) {
        return Api.anonymous(suite.gatewayUrl).post("/api/v1/activation", Api.JSON.createObjectNode()
                .put("token", token).put("password", STRONG).toString());
    }

    private List<JsonNode> emails(String base) {
        List<JsonNode> items = new ArrayList<>();
        nordic.get(base + "/notifications").json().get("items").forEach(items::add);
        return items;
    }

    private List<String> history(String base, JsonNode mail) {
        List<String> events = new ArrayList<>();
        nordic.get(base + "/notifications/" + mail.get("id").asString()).json().get("history")
                .forEach(e -> events.add(e.get("event").asString()));
        return events;
    }

    private List<JsonNode> subscriptions(String base) {
        List<JsonNode> items = new ArrayList<>();
        nordic.get(base + "/subscriptions").json().get("items").forEach(items::add);
        return items;
    }

    private static String newUser() {
        return Api.JSON.createObjectNode().put("username", "karin.lund").put("firstName", "Karin")
                .put("lastName", "Lund").put("email", "karin.lund+" + UUID.randomUUID() + "@testbolag.se")
                .put("password", STRONG).toString();
    }

    private static void assertProblem(Api.Response answer, int status, String code) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("code").asString()).isEqualTo(code);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
