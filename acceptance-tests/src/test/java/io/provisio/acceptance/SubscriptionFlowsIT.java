package io.provisio.acceptance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Subscriptions inside real onboardings through the gateway: every way ASSIGN_PLANS can refuse a plan
 * list (and the saga undoing everything), activation on the start date on the test clock with its
 * SUBSCRIPTION_STARTED e-mail, per-user services fed by identity's users, and the operator's inventory.
 *
 * <p>Other tests share nordic-it's inventory and the clock: this class compares inventories before and
 * after, and derives start dates from subscription-service's own clock.
 */
@ExtendWith(Suite.class)
class SubscriptionFlowsIT {

    private static final Duration SAGA = Duration.ofSeconds(60);
    private static final String STRONG = Onboardings.STRONG_PASSWORD;

    private Suite suite;
    private Api nordic;

    @BeforeEach
    void partner() {
        suite = Suite.get();
        nordic = Api.nordic();
    }

    static Stream<Arguments> refusedPlanLists() {
        return Stream.of(
                Arguments.of("PLAN_NOT_FOUND", (Consumer<ObjectNode>) r ->
                        plans(r).addObject().put("planCode", "TELEPATHY").put("units", 1), "TELEPATHY"),
                Arguments.of("PLAN_REQUIREMENT_MISSING", (Consumer<ObjectNode>) r -> plans(r).remove(0),
                        "requires CUSTOMER-PORTAL"),
                Arguments.of("INSUFFICIENT_LICENSES", (Consumer<ObjectNode>) r ->
                        ((ObjectNode) plans(r).get(2)).put("units", 501), "MAIL-CONTROL: 501 units asked"),
                Arguments.of("UNITS_OUT_OF_RANGE", (Consumer<ObjectNode>) r ->
                        ((ObjectNode) plans(r).get(0)).put("units", 2), "allowed 1 to 1"),
                Arguments.of("PAID_PLANS_NOT_ACCEPTED", (Consumer<ObjectNode>) r -> r.put("acceptPaidPlans", false),
                        "paid plans were not accepted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedPlanLists")
    void failsTheOnboardingAndHoldsNoLicenceWhenThePlanListIsRefused(String code, Consumer<ObjectNode> mistake,
                                                                      String messagePart) {
        JsonNode inventoryBefore = inventory();
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        mistake.accept(request);

        String location = nordic.post("/api/v1/onboardings", request.toString()).location();
        JsonNode failed = awaitStatus(location, "FAILED");

        assertThat(statuses(failed)).containsExactly("COMPENSATED", "COMPENSATED", "FAILED", "SKIPPED", "SKIPPED");
        assertThat(failed.get("failure").get("step").asString()).isEqualTo("ASSIGN_PLANS");
        assertThat(failed.get("failure").get("code").asString()).isEqualTo(code);
        assertThat(failed.get("failure").get("message").asString()).contains(messagePart);
        String customerId = failed.get("customerId").asString();
        assertThat(nordic.get("/api/v1/customers/" + customerId + "/subscriptions").status()).isEqualTo(404);
        await("no licence held").atMost(SAGA).untilAsserted(() -> assertThat(inventory()).isEqualTo(inventoryBefore));
    }

    @Test
    void activatesTheSubscriptionOnItsStartDateAndSendsSubscriptionStarted() {
        // The suite's clock only moves forward and other tests move it: start three days after whichever is later.
        Instant serviceNow = suite.advanceClock("subscription-service", Duration.ZERO);
        LocalDate serviceToday = LocalDate.ofInstant(serviceNow, ZoneOffset.UTC);
        LocalDate realToday = LocalDate.now(ZoneOffset.UTC);
        LocalDate start = (serviceToday.isAfter(realToday) ? serviceToday : realToday).plusDays(3);
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        request.set("plans", Api.JSON.createArrayNode().add(Api.JSON.createObjectNode()
                .put("planCode", "CUSTOMER-PORTAL").put("units", 1).put("startDate", start.toString())));
        String adminEmail = request.get("administrator").get("email").asString();

        JsonNode onboarding = awaitStatus(nordic.post("/api/v1/onboardings", request.toString()).location(),
                "COMPLETED");
        String customerId = onboarding.get("customerId").asString();
        JsonNode scheduled = onlySubscription(customerId);
        assertThat(scheduled.get("status").asString()).isEqualTo("SCHEDULED");
        assertThat(scheduled.get("billingStartedAt").isNull()).isTrue();

        suite.advanceClock("subscription-service",
                Duration.between(serviceNow, start.atStartOfDay(ZoneOffset.UTC).toInstant()).plusMinutes(1));

        JsonNode active = await("subscription ACTIVE").atMost(SAGA).until(() -> onlySubscription(customerId),
                s -> "ACTIVE".equals(s.get("status").asString()));
        assertThat(LocalDate.ofInstant(Instant.parse(active.get("billingStartedAt").asString()), ZoneOffset.UTC))
                .isEqualTo(start);
        await("SUBSCRIPTION_STARTED e-mail").atMost(SAGA).untilAsserted(() -> assertThat(
                nordic.get("/api/v1/customers/" + customerId + "/notifications").json().get("items"))
                .anySatisfy(mail -> {
                    assertThat(mail.get("template").asString()).isEqualTo("SUBSCRIPTION_STARTED");
                    assertThat(mail.get("status").asString()).isEqualTo("SENT");
                }));
        assertThat(suite.mail().getReceivedMessages()).anySatisfy(mail ->
                assertThat(recipients(mail)).contains(adminEmail));
    }

    @Test
    void aUserCreatedByIdentityTakesAServiceUnitAndGivesItBackWhenDeleted() {
        ObjectNode request = Onboardings.swedishCustomerWithHostedServices();
        request.set("plans", Api.JSON.createArrayNode()
                .add(Api.JSON.createObjectNode().put("planCode", "CUSTOMER-PORTAL").put("units", 1))
                .add(Api.JSON.createObjectNode().put("planCode", "HOSTED-EXCHANGE").put("units", 1)));
        JsonNode onboarding = awaitStatus(nordic.post("/api/v1/onboardings", request.toString()).location(),
                "COMPLETED");
        String customerId = onboarding.get("customerId").asString();
        String users = "/api/v1/customers/" + customerId + "/users";
        Api.Response added = nordic.post(users, Api.JSON.createObjectNode().put("username", "karin.lund")
                .put("firstName", "Karin").put("lastName", "Lund").put("role", "USER")
                .put("email", "karin.lund+" + UUID.randomUUID() + "@testbolag.se").put("password", STRONG).toString());
        assertThat(added.status()).as(added.text()).isEqualTo(201);
        String userId = added.json().get("id").asString();
        String services = users + "/" + userId + "/services";
        await("identity's UserCreated reached subscription-service").atMost(SAGA)
                .until(() -> nordic.get(services).status() == 200);

        Api.Response put = nordic.put(services, "{\"planCodes\": [\"HOSTED-EXCHANGE\"]}");
        assertThat(put.status()).as(put.text()).isEqualTo(200);
        assertThat(nordic.get(services).json().get("planCodes").get(0).asString()).isEqualTo("HOSTED-EXCHANGE");
        assertThat(assigned(customerId, "HOSTED-EXCHANGE")).isEqualTo(1);
        Api.Response noneLeft = nordic.patch("/api/v1/customers/" + customerId + "/subscriptions/"
                + subscriptionId(customerId, "HOSTED-EXCHANGE"), "{\"units\": 0}");
        assertThat(noneLeft.status()).isEqualTo(400);

        Api.Response deleted = nordic.delete(users + "/" + userId);

        assertThat(deleted.status()).as(deleted.text()).isEqualTo(204);
        assertThat(nordic.get(users).json().get("items").findValuesAsString("id")).doesNotContain(userId);
        await("the unit given back").atMost(SAGA).until(() -> assigned(customerId, "HOSTED-EXCHANGE") == 0);
        assertThat(nordic.get(services).status()).isEqualTo(404);
        assertThat(nordic.delete(users + "/" + userId).status()).as("a second DELETE").isEqualTo(404);
    }

    @Test
    void theOperatorSetsAPartnersInventoryAndNoPartnerMay() {
        Api operator = Api.operator();
        String partnerId = "fjord-it-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = operator.post("/api/v1/operator/partners", Api.JSON.createObjectNode()
                .put("id", partnerId).put("name", "Fjord IT AS").toString());
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        Api fjord = Api.partner(suite.gatewayUrl, partnerId + "-api",
                created.json().get("client").get("clientSecret").asString());
        assertThat(fjord.get("/api/v1/inventory").json().get("items")).isEmpty();
        String mailControl = "/api/v1/operator/partners/" + partnerId + "/inventory/MAIL-CONTROL";

        Api.Response set = operator.put(mailControl, "{\"units\": 25}");

        assertThat(set.status()).as(set.text()).isEqualTo(200);
        assertThat(fjord.get("/api/v1/inventory").json().get("items")).singleElement().satisfies(item -> {
            assertThat(item.get("planCode").asString()).isEqualTo("MAIL-CONTROL");
            assertThat(item.get("units").asInt()).isEqualTo(25);
            assertThat(item.get("allocated").asInt()).isZero();
            assertThat(item.get("available").asInt()).isEqualTo(25);
        });
        assertThat(operator.put(mailControl, "{\"units\": 40}").status()).isEqualTo(200);
        assertThat(fjord.get("/api/v1/inventory").json().get("items").get(0).get("units").asInt()).isEqualTo(40);

        JsonNode nordicBefore = inventory();
        for (Api partner : List.of(nordic, fjord)) {
            Api.Response refused = partner.put(mailControl, "{\"units\": 1000}");
            assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        }
        assertThat(nordic.put("/api/v1/operator/partners/nordic-it/inventory/MAIL-CONTROL", "{\"units\": 1000}")
                .status()).as("a partner setting its own inventory").isEqualTo(403);
        assertThat(fjord.get("/api/v1/inventory").json().get("items").get(0).get("units").asInt()).isEqualTo(40);
        assertThat(inventory()).isEqualTo(nordicBefore);
    }

    private JsonNode onlySubscription(String customerId) {
        JsonNode items = nordic.get("/api/v1/customers/" + customerId + "/subscriptions").json().get("items");
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private int assigned(String customerId, String plan) {
        for (JsonNode s : nordic.get("/api/v1/customers/" + customerId + "/subscriptions").json().get("items")) {
            if (plan.equals(s.get("planCode").asString())) {
                return s.get("assignedUnits").asInt();
            }
        }
        throw new AssertionError("no subscription of " + plan);
    }

    private String subscriptionId(String customerId, String plan) {
        for (JsonNode s : nordic.get("/api/v1/customers/" + customerId + "/subscriptions").json().get("items")) {
            if (plan.equals(s.get("planCode").asString())) {
                return s.get("id").asString();
            }
        }
        throw new AssertionError("no subscription of " + plan);
    }

    private JsonNode inventory() {
        return nordic.get("/api/v1/inventory").json().get("items");
    }

    private JsonNode awaitStatus(String location, String status) {
        return await(location + " " + status).atMost(SAGA).pollInterval(Duration.ofMillis(100))
                .until(() -> nordic.get(location).json(), o -> status.equals(o.get("status").asString()));
    }

    private static ArrayNode plans(ObjectNode request) {
        return (ArrayNode) request.get("plans");
    }

    private static List<String> statuses(JsonNode onboarding) {
        List<String> statuses = new ArrayList<>();
        onboarding.get("steps").forEach(s -> statuses.add(s.get("status").asString()));
        return statuses;
    }

    private static List<String> recipients(MimeMessage mail) throws Exception {
        List<String> to = new ArrayList<>();
        for (var address : mail.getRecipients(Message.RecipientType.TO)) {
            to.add(((jakarta.mail.internet.InternetAddress) address).getAddress());
        }
        return to;
    }
}
