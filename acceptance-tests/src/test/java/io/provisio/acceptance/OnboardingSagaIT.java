package io.provisio.acceptance;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.provisio.devstack.BrokerProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Onboardings end to end: all five services as processes, driven through the gateway with real
 * partner tokens, their saga messaging over the real broker.
 */
@ExtendWith(Suite.class)
class OnboardingSagaIT {

    private static final Duration SAGA = Duration.ofSeconds(60);

    private Suite suite;
    private Api nordic;
    private Api alpina;

    @BeforeEach
    void partners() {
        suite = Suite.get();
        nordic = Api.nordic();
        alpina = Api.alpina();
    }

    @AfterEach
    void everyServiceRunsAgain() {
        for (ServiceProcess service : suite.services.values()) {
            if (!ready(service)) {
                suite.restart(service.name());
            }
        }
    }

    @Test
    void completesAnOnboardingAndEveryStepLeavesItsMark() {
        JsonNode inventoryBefore = inventory(nordic);
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();

        Api.Response accepted = nordic.post("/api/v1/onboardings", request.toString());

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.location()).startsWith("/api/v1/onboardings/");
        JsonNode onboarding = awaitStatus(nordic, accepted.location(), "COMPLETED");
        assertThat(onboarding.get("steps")).hasSize(5).allSatisfy(step -> {
            assertThat(step.get("status").asString()).isEqualTo("SUCCEEDED");
            assertThat(step.get("startedAt").asString()).isNotBlank();
            assertThat(step.get("finishedAt").asString()).isNotBlank();
        });
        assertThat(onboarding.get("traceId").asString()).matches("[0-9a-f]{32}");

        String customerId = onboarding.get("customerId").asString();
        JsonNode customer = nordic.get("/api/v1/customers/" + customerId).json();
        assertThat(customer.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(customer.get("address").get("city").asString()).isEqualTo("Göteborg");
        assertThat(customer.get("address").get("region").asString()).isEqualTo("Västra Götaland");

        JsonNode users = nordic.get("/api/v1/customers/" + customerId + "/users").json().get("items");
        assertThat(users).singleElement().satisfies(user -> {
            assertThat(user.get("username").asString()).isEqualTo("bengt.testsson");
            assertThat(user.get("upn").asString())
                    .isEqualTo("bengt.testsson@" + request.get("customer").get("domains").get(0).asString());
            assertThat(user.get("role").asString()).isEqualTo("ADMINISTRATOR");
            assertThat(user.has("passwordHash")).isFalse();
        });
        assertThat(allocated(inventory(nordic), "HOSTED-EXCHANGE"))
                .isEqualTo(allocated(inventoryBefore, "HOSTED-EXCHANGE") + 10);
        await("welcome e-mail sent").atMost(SAGA).untilAsserted(() -> assertThat(
                nordic.get("/api/v1/customers/" + customerId + "/notifications").json().get("items"))
                .anySatisfy(mail -> {
                    assertThat(mail.get("template").asString()).isEqualTo("WELCOME");
                    assertThat(mail.get("status").asString()).isEqualTo("SENT");
                    assertThat(mail.get("language").asString()).isEqualTo("sv");
                }));
    }

    @Test
    void compensatesEverythingWhenLicencesAreInsufficient() {
        JsonNode inventoryBefore = inventory(nordic);
        ObjectNode request = Onboardings.swedishCustomerAskingForMoreLicencesThanInStock();

        String location = nordic.post("/api/v1/onboardings", request.toString()).location();
        JsonNode onboarding = awaitStatus(nordic, location, "FAILED");

        assertThat(statuses(onboarding)).containsExactly("COMPENSATED", "COMPENSATED", "FAILED", "SKIPPED",
                "SKIPPED");
        assertThat(onboarding.get("failure").get("step").asString()).isEqualTo("ASSIGN_PLANS");
        assertThat(onboarding.get("failure").get("code").asString()).isEqualTo("INSUFFICIENT_LICENSES");
        int available = 500 - allocated(inventoryBefore, "HOSTED-EXCHANGE");
        assertThat(onboarding.get("failure").get("message").asString())
                .contains("HOSTED-EXCHANGE", "600", Integer.toString(available));
        assertThat(onboarding.get("steps").get(2).get("error").get("code").asString())
                .isEqualTo("INSUFFICIENT_LICENSES");
        assertNothingLeftOf(onboarding, inventoryBefore);

        Api.Response again = nordic.post("/api/v1/onboardings", request.put("acceptPaidPlans", true).toString());
        assertThat(again.status()).as("the failed onboarding freed its account name").isEqualTo(202);
    }

    @Test
    void completesWhenAParticipantIsKilledMidSagaAndStartedAgain() {
        ServiceProcess notifications = suite.service("notification-service");
        notifications.kill();

        String location = nordic.post("/api/v1/onboardings",
                Onboardings.swedishCustomerWithHostedServices().toString()).location();
        await("saga waiting for the e-mail step").atMost(SAGA).until(() ->
                "RUNNING".equals(step(nordic.get(location).json(), "SCHEDULE_WELCOME_EMAIL")));
        suite.restart("notification-service");

        JsonNode onboarding = awaitStatus(nordic, location, "COMPLETED");
        String customerId = onboarding.get("customerId").asString();
        await("welcome e-mail sent after the restart").atMost(SAGA).untilAsserted(() -> assertThat(
                nordic.get("/api/v1/customers/" + customerId + "/notifications").json().get("items"))
                .filteredOn(mail -> "WELCOME".equals(mail.get("template").asString()))
                .singleElement().satisfies(mail -> assertThat(mail.get("status").asString()).isEqualTo("SENT")));
    }

    /**
     * Issue 10, item 1: a SIGTERM (a rollout, a scale-down) while subscription-service handles ASSIGN_PLANS commands
     * drains what it holds: the process ends by itself, what it had in hand is acknowledged, and its successor is
     * handed nothing a second time. Every onboarding completes with its licences allocated once.
     */
    @Test
    void aSigtermUnderLoadDrainsTheMessagesInHandAndNothingIsDeliveredAgain() {
        int onboardings = 8;
        int units = 10; // HOSTED-EXCHANGE in the Swedish example
        assertThat(Onboardings.swedishCustomerWithHostedServices().get("plans").toString())
                .contains("{\"planCode\":\"HOSTED-EXCHANGE\",\"units\":" + units + "}");
        JsonNode inventoryBefore = inventory(nordic);
        ServiceProcess subscriptions = suite.service("subscription-service");

        List<String> locations = new ArrayList<>();
        for (int i = 0; i < onboardings; i++) {
            locations.add(nordic.post("/api/v1/onboardings",
                    Onboardings.swedishCustomerWithHostedServices().toString()).location());
        }
        // The first onboarding's command has reached subscription-service: the later ones' are in hand or queued.
        await("ASSIGN_PLANS under way").atMost(SAGA).pollInterval(Duration.ofMillis(20)).until(() ->
                !"PENDING".equals(step(nordic.get(locations.getFirst()).json(), "ASSIGN_PLANS")));
        boolean endedByItself = subscriptions.stop();
        assertThat(endedByItself).as("subscription-service ended within 30 s of its SIGTERM").isTrue();
        suite.restart("subscription-service");

        for (String location : locations) {
            awaitStatus(nordic, location, "COMPLETED");
        }
        assertThat(allocated(inventory(nordic), "HOSTED-EXCHANGE"))
                .as("each onboarding's licences allocated once")
                .isEqualTo(allocated(inventoryBefore, "HOSTED-EXCHANGE") + onboardings * units);
        assertThat(redeliveries(suite.prometheus("subscription-service")))
                .as("messages the successor was handed a second time").isZero();
    }

    @Test
    void aDuplicatedCommandAndADuplicatedReplyHaveNoSecondEffect() {
        try (BrokerProbe broker = BrokerProbe.connect()) {
            String commands = broker.tap("subscription-commands");
            String replies = broker.tap("saga-replies");
            String location = nordic.post("/api/v1/onboardings",
                    Onboardings.swedishCustomerWithHostedServices().toString()).location();
            JsonNode completed = awaitStatus(nordic, location, "COMPLETED");
            String sagaId = completed.get("id").asString();
            JsonNode inventoryAfter = inventory(nordic);

            JsonNode assignPlans = next(broker, commands, m -> is(m, sagaId, "AssignPlans"));
            List<JsonNode> seenReplies = drain(broker, replies, m -> sagaId.equals(m.get("sagaId").asString()));
            JsonNode plansAssigned = only(seenReplies, "PlansAssigned");
            JsonNode administratorCreated = only(seenReplies, "AdministratorCreated");

            broker.publish("subscription-commands", assignPlans.toString());
            JsonNode resent = next(broker, replies, m -> is(m, sagaId, "PlansAssigned"));
            assertThat(resent.get("messageId").asString()).isEqualTo(plansAssigned.get("messageId").asString());
            assertThat(inventory(nordic)).as("no second allocation").isEqualTo(inventoryAfter);

            broker.publish("saga-replies", administratorCreated.toString());
            await("the duplicate reply changes nothing").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(nordic.get(location).json()).isEqualTo(completed));
            assertThat(drain(broker, commands, m -> sagaId.equals(m.get("sagaId").asString())))
                    .as("only the command this test replayed; the saga sent none")
                    .allSatisfy(m -> assertThat(m).isEqualTo(assignPlans));
        }
    }

    @Test
    void aStepWithNoReplyTimesOutAndEverythingIsCompensated() {
        JsonNode inventoryBefore = inventory(nordic);
        suite.service("subscription-service").stop();

        String location = nordic.post("/api/v1/onboardings",
                Onboardings.swedishCustomerWithHostedServices().toString()).location();
        JsonNode timedOut = awaitStatus(nordic, location, "COMPENSATING");
        assertThat(timedOut.get("failure").get("step").asString()).isEqualTo("ASSIGN_PLANS");
        assertThat(timedOut.get("failure").get("code").asString()).isEqualTo("STEP_TIMEOUT");

        // The owner comes back: it meets the late command and its compensation, in that order.
        suite.restart("subscription-service");
        JsonNode failed = awaitStatus(nordic, location, "FAILED");

        assertThat(statuses(failed)).containsExactly("COMPENSATED", "COMPENSATED", "COMPENSATED", "SKIPPED",
                "SKIPPED");
        assertThat(failed.get("steps").get(2).get("error").get("code").asString()).isEqualTo("STEP_TIMEOUT");
        assertNothingLeftOf(failed, inventoryBefore);
    }

    @Test
    void anotherPartnerSeesNothingOfTheOnboarding() {
        String location = nordic.post("/api/v1/onboardings",
                Onboardings.swedishCustomerWithHostedServices().toString()).location();
        JsonNode onboarding = awaitStatus(nordic, location, "COMPLETED");

        Api.Response foreign = alpina.get(location);
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(foreign.json().get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(alpina.get("/api/v1/customers/" + onboarding.get("customerId").asString()).status())
                .isEqualTo(404);
        for (String part : List.of("/users", "/contacts", "/subscriptions", "/notifications")) {
            assertThat(alpina.get("/api/v1/customers/" + onboarding.get("customerId").asString() + part).status())
                    .as(part).isEqualTo(404);
        }
    }

    @Test
    void refusesACallWithoutAToken() {
        Api.Response refused = Api.anonymous(suite.gatewayUrl).post("/api/v1/onboardings",
                Onboardings.swedishCustomerWithHostedServices().toString());

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("code").asString()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void reportsEveryMistakeOfTheDutchRequestAtOnceAndWritesNothing() {
        JsonNode before = nordic.get("/api/v1/onboardings?size=200").json().get("total");

        Api.Response invalid = nordic.post("/api/v1/onboardings", Onboardings.dutchRequestFullOfMistakes().toString());

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().get("code").asString()).isEqualTo("VALIDATION_FAILED");
        List<String> fields = new ArrayList<>();
        invalid.json().get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("customer.accountName", "customer.companyName", "customer.address.country",
                "customer.businessType", "administrator.username", "administrator.lastName", "administrator.email",
                "contacts", "plans[0].units", "welcomeEmail.sendAt", "welcomeEmail.language");
        assertThat(nordic.get("/api/v1/onboardings?size=200").json().get("total")).isEqualTo(before);
    }

    private void assertNothingLeftOf(JsonNode onboarding, JsonNode inventoryBefore) {
        String customerId = onboarding.get("customerId").asString();
        assertThat(nordic.get("/api/v1/customers/" + customerId).status()).isEqualTo(404);
        // identity and subscription forgot the customer with its users, contacts and subscriptions.
        assertThat(nordic.get("/api/v1/customers/" + customerId + "/users").status()).isEqualTo(404);
        assertThat(nordic.get("/api/v1/customers/" + customerId + "/contacts").status()).isEqualTo(404);
        assertThat(nordic.get("/api/v1/customers/" + customerId + "/subscriptions").status()).isEqualTo(404);
        await("licences back in the inventory").atMost(SAGA)
                .untilAsserted(() -> assertThat(inventory(nordic)).isEqualTo(inventoryBefore));
    }

    private static JsonNode awaitStatus(Api api, String location, String status) {
        return await(location + " " + status).atMost(SAGA).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get(location).json(), o -> status.equals(o.get("status").asString()));
    }

    private static List<String> statuses(JsonNode onboarding) {
        List<String> statuses = new ArrayList<>();
        onboarding.get("steps").forEach(s -> statuses.add(s.get("status").asString()));
        return statuses;
    }

    private static String step(JsonNode onboarding, String name) {
        for (JsonNode step : onboarding.get("steps")) {
            if (name.equals(step.get("name").asString())) {
                return step.get("status").asString();
            }
        }
        return null;
    }

    private static JsonNode inventory(Api api) {
        return api.get("/api/v1/inventory").json().get("items");
    }

    private static int allocated(JsonNode inventory, String plan) {
        for (JsonNode item : inventory) {
            if (plan.equals(item.get("planCode").asString())) {
                return item.get("allocated").asInt();
            }
        }
        throw new AssertionError("no inventory of " + plan);
    }

    /** The sum of a service's {@code provisio_messaging_redeliveries_total} over its queues. */
    private static double redeliveries(String prometheus) {
        return prometheus.lines().filter(line -> line.startsWith("provisio_messaging_redeliveries_total{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static boolean is(JsonNode message, String sagaId, String type) {
        return sagaId.equals(message.get("sagaId").asString()) && type.equals(message.get("type").asString());
    }

    /** The next message on a tap that matches, skipping others (e.g. of earlier tests). */
    private static JsonNode next(BrokerProbe broker, String tap, Predicate<JsonNode> wanted) {
        return await("message on " + tap).atMost(SAGA).until(() -> {
            Optional<String> body = broker.receive(tap, Duration.ofMillis(200));
            return body.map(b -> Api.JSON.readTree(b.getBytes(StandardCharsets.UTF_8))).filter(wanted).orElse(null);
        }, java.util.Objects::nonNull);
    }

    private static List<JsonNode> drain(BrokerProbe broker, String tap, Predicate<JsonNode> wanted) {
        List<JsonNode> messages = new ArrayList<>();
        Optional<String> body;
        while ((body = broker.receive(tap, Duration.ofMillis(500))).isPresent()) {
            JsonNode message = Api.JSON.readTree(body.get().getBytes(StandardCharsets.UTF_8));
            if (wanted.test(message)) {
                messages.add(message);
            }
        }
        return messages;
    }

    private static JsonNode only(List<JsonNode> messages, String type) {
        List<JsonNode> matching = messages.stream().filter(m -> type.equals(m.get("type").asString())).toList();
        assertThat(matching).as(type).hasSize(1);
        return matching.getFirst();
    }

    private static boolean ready(ServiceProcess service) {
        try {
            service.awaitReady(Duration.ofMillis(500));
            return true;
        } catch (RuntimeException | AssertionError e) {
            return false;
        }
    }
}
