package io.provisio.subscription.subscriptions.web;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.identity.contracts.UserCreated;
import io.provisio.identity.contracts.UserDeleted;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.participant.StepResult;
import io.provisio.subscription.assignment.application.PlanAssignment;
import io.provisio.subscription.contracts.AssignPlans;
import io.provisio.subscription.contracts.PlanRequest;
import io.provisio.subscription.contracts.PlansAssigned;
import io.provisio.subscription.inventory.domain.InventoryItem;
import io.provisio.subscription.inventory.persistence.InventoryStore;
import io.provisio.subscription.testing.Queues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/**
 * Changing subscriptions after onboarding, per-user services fed by identity's events over the real
 * broker, and the operator's catalogue and inventory.
 */
@SpringBootTest(properties = "provisio.bootstrap=src/test/resources/test-bootstrap.yml")
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SubscriptionChangesIT {

    @Autowired
    MockMvcTester mvc;
    @Autowired
    InventoryStore inventory;
    @Autowired
    PlanAssignment assignment;
    @Autowired
    MessageCodec codec;
    @Autowired
    Clock clock;

    private String partner;
    private String customer;
    private BrokerProbe broker;

    @BeforeEach
    void newPartnerAndCustomer() {
        partner = "partner-" + UUID.randomUUID();
        customer = "cus-" + UUID.randomUUID();
        broker = BrokerProbe.connect();
    }

    @AfterEach
    void closeBroker() {
        broker.close();
    }

    @AfterAll
    static void deleteQueues() {
        Queues.deleteAll();
    }

    @Test
    void addsAPlanLaterAndTakesItsUnitsFromTheInventory() {
        inventory.insertIfMissing(partner, "CUSTOMER-PORTAL", 5);
        inventory.insertIfMissing(partner, "HOSTED-EXCHANGE", 100);
        onboard(new PlanRequest("CUSTOMER-PORTAL", 1, null));

        var added = mvc.post().uri(subscriptions()).with(token("onboarding")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"planCode": "HOSTED-EXCHANGE", "units": 40, "startDate": "%s", "acceptPaidPlans": true}"""
                        .formatted(today().plusDays(5)));

        assertThat(added).hasStatus(HttpStatus.CREATED).bodyJson().isLenientlyEqualTo("""
                {"planCode": "HOSTED-EXCHANGE", "units": 40, "assignedUnits": 0, "startDate": "%s",
                 "status": "SCHEDULED", "billingStartedAt": null}""".formatted(today().plusDays(5)));
        assertThat(inventory.find(partner, "HOSTED-EXCHANGE"))
                .contains(new InventoryItem(partner, "HOSTED-EXCHANGE", 100, 40, 60));
        assertThat(mvc.get().uri(subscriptions()).with(token("onboarding"))).bodyJson()
                .extractingPath("$.total").isEqualTo(2);
    }

    @Test
    void rejectsAddingAPaidPlanWithoutAcknowledgementAndReportsEveryField() {
        inventory.insertIfMissing(partner, "HOSTED-EXCHANGE", 100);
        onboard();

        var refused = mvc.post().uri(subscriptions()).with(token("onboarding")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"planCode": "HOSTED-EXCHANGE", "units": 0, "startDate": "%s"}""".formatted(today().minusDays(1)));

        assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST).hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson().isLenientlyEqualTo("""
                        {"code": "VALIDATION_FAILED", "errors": [{"field": "startDate"}, {"field": "planCode"},
                         {"field": "units"}, {"field": "acceptPaidPlans"}]}""");
        assertThat(inventory.find(partner, "HOSTED-EXCHANGE")).get().extracting(InventoryItem::allocated).isEqualTo(0);
    }

    @Test
    void answersAMissingPlanCodeAsAFieldErrorNotAServerError() {
        onboard();

        var refused = mvc.post().uri(subscriptions()).with(token("onboarding")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"units": 3}""");

        assertThat(refused).hasStatus(HttpStatus.BAD_REQUEST).bodyJson().isLenientlyEqualTo("""
                {"code": "VALIDATION_FAILED", "errors": [{"field": "planCode", "message": "is required"}]}""");
    }

    @Test
    void rejectsAddingMoreUnitsThanTheInventoryHoldsAndHoldsNothing() {
        inventory.insertIfMissing(partner, "ARCHIVE", 10);
        onboard();

        var refused = mvc.post().uri(subscriptions()).with(token("onboarding")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"planCode": "ARCHIVE", "units": 11}""");

        assertThat(refused).hasStatus(HttpStatus.CONFLICT).bodyJson().isLenientlyEqualTo("""
                {"code": "INSUFFICIENT_LICENSES", "detail": "ARCHIVE: 11 units asked, 10 available"}""");
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 10, 0, 10));
        assertThat(mvc.get().uri(subscriptions()).with(token("onboarding"))).bodyJson()
                .extractingPath("$.total").isEqualTo(0);
    }

    @Test
    void refusesASecondLiveSubscriptionOfTheSamePlan() {
        inventory.insertIfMissing(partner, "ARCHIVE", 10);
        onboard(new PlanRequest("ARCHIVE", 2, null));

        assertThat(mvc.post().uri(subscriptions()).with(token("onboarding")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"planCode": "ARCHIVE", "units": 1}""")).hasStatus(HttpStatus.CONFLICT)
                .bodyJson().extractingPath("$.code").isEqualTo("PLAN_ALREADY_SUBSCRIBED");
    }

    @Test
    void answersNotFoundForAnotherPartnersCustomer() {
        inventory.insertIfMissing(partner, "ARCHIVE", 10);
        String id = onboard(new PlanRequest("ARCHIVE", 2, null));

        assertThat(mvc.post().uri(subscriptions()).with(token("intruder", "onboarding"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"planCode": "ARCHIVE", "units": 1}""")).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.patch().uri(subscriptions() + "/" + id).with(token("intruder", "onboarding"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"units": 3}""")).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.delete().uri(subscriptions() + "/" + id).with(token("intruder", "onboarding")))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.put().uri(services("u-1")).with(token("intruder", "onboarding"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"planCodes": []}""")).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 10, 2, 8));
    }

    @Test
    void growsAndShrinksUnitsThroughTheInventory() {
        inventory.insertIfMissing(partner, "ARCHIVE", 10);
        String id = onboard(new PlanRequest("ARCHIVE", 4, null));

        assertThat(patchUnits(id, 9)).hasStatusOk().bodyJson().extractingPath("$.units").isEqualTo(9);
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 10, 9, 1));

        assertThat(patchUnits(id, 12)).hasStatus(HttpStatus.CONFLICT).bodyJson().isLenientlyEqualTo("""
                {"code": "INSUFFICIENT_LICENSES", "detail": "ARCHIVE: 3 units asked, 1 available"}""");
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 10, 9, 1));

        assertThat(patchUnits(id, 2)).hasStatusOk().bodyJson().extractingPath("$.units").isEqualTo(2);
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 10, 2, 8));
    }

    @Test
    void cancelsAndReturnsTheUnits() {
        inventory.insertIfMissing(partner, "ARCHIVE", 10);
        String id = onboard(new PlanRequest("ARCHIVE", 4, null));

        assertThat(mvc.delete().uri(subscriptions() + "/" + id).with(token("onboarding")))
                .hasStatus(HttpStatus.NO_CONTENT);
        assertThat(mvc.delete().uri(subscriptions() + "/" + id).with(token("onboarding")))
                .hasStatus(HttpStatus.NO_CONTENT);

        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 10, 0, 10));
        assertThat(mvc.get().uri(subscriptions() + "/" + id).with(token("onboarding"))).bodyJson()
                .extractingPath("$.status").isEqualTo("CANCELLED");
        assertThat(patchUnits(id, 5)).hasStatus(HttpStatus.CONFLICT);
    }

    @Test
    void givesAUserAServiceUnitAndTakesItBackWhenTheUserIsDeleted() {
        inventory.insertIfMissing(partner, "ARCHIVE", 10);
        String id = onboard(new PlanRequest("ARCHIVE", 1, null));
        publishUserCreated("u-1");
        publishUserCreated("u-2");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(mvc.get().uri(services("u-2")).with(token("onboarding"))).hasStatusOk());

        assertThat(putServices("u-1", "ARCHIVE")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"userId": "u-1", "planCodes": ["ARCHIVE"]}""");
        assertThat(putServices("u-1", "ARCHIVE")).hasStatusOk();
        assertThat(putServices("u-2", "ARCHIVE")).hasStatus(HttpStatus.CONFLICT).bodyJson()
                .extractingPath("$.code").isEqualTo("NO_UNITS_LEFT");
        assertThat(patchUnits(id, 0)).hasStatus(HttpStatus.BAD_REQUEST);

        broker.publish(IdentityChannels.EVENTS, codec.encode(codec.event("UserDeleted", partner, null,
                new UserDeleted(customer, "u-1"))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(mvc.get().uri(services("u-1")).with(token("onboarding"))).hasStatus(HttpStatus.NOT_FOUND));
        assertThat(mvc.get().uri(subscriptions() + "/" + id).with(token("onboarding"))).bodyJson()
                .extractingPath("$.assignedUnits").isEqualTo(0);
        assertThat(putServices("u-2", "ARCHIVE")).hasStatusOk();
        assertThat(mvc.get().uri(services("u-2")).with(token("onboarding"))).bodyJson()
                .extractingPath("$.planCodes").asArray().containsExactly("ARCHIVE");
    }

    @Test
    void neverShrinksBelowTheUnitsAssignedToUsers() {
        inventory.insertIfMissing(partner, "ARCHIVE", 10);
        String id = onboard(new PlanRequest("ARCHIVE", 3, null));
        publishUserCreated("u-1");
        publishUserCreated("u-2");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(mvc.get().uri(services("u-2")).with(token("onboarding"))).hasStatusOk());
        assertThat(putServices("u-1", "ARCHIVE")).hasStatusOk();
        assertThat(putServices("u-2", "ARCHIVE")).hasStatusOk();

        assertThat(patchUnits(id, 1)).hasStatus(HttpStatus.CONFLICT).bodyJson()
                .extractingPath("$.code").isEqualTo("UNITS_BELOW_ASSIGNED");
        assertThat(patchUnits(id, 2)).hasStatusOk();
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 10, 2, 8));
        assertThat(mvc.get().uri(subscriptions() + "/" + id).with(token("onboarding"))).bodyJson()
                .isLenientlyEqualTo("""
                        {"units": 2, "assignedUnits": 2}""");
    }

    @Test
    void refusesServicesOfAPlanTheCustomerHasNoSubscriptionOf() {
        inventory.insertIfMissing(partner, "ARCHIVE", 10);
        onboard();
        publishUserCreated("u-1");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(mvc.get().uri(services("u-1")).with(token("onboarding"))).hasStatusOk());

        assertThat(putServices("u-1", "ARCHIVE")).hasStatus(HttpStatus.CONFLICT).bodyJson()
                .extractingPath("$.code").isEqualTo("NO_UNITS_LEFT");
        assertThat(putServices("u-1", "TELEPATHY")).hasStatus(HttpStatus.BAD_REQUEST).bodyJson()
                .extractingPath("$.errors[0].field").isEqualTo("planCodes[0]");
        String[] tooMany = java.util.stream.IntStream.range(0, 51).mapToObj(i -> "PLAN-" + i).toArray(String[]::new);
        assertThat(putServices("u-1", tooMany)).hasStatus(HttpStatus.BAD_REQUEST)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson().isLenientlyEqualTo("""
                        {"code": "VALIDATION_FAILED",
                         "errors": [{"field": "planCodes", "message": "must have at most 50 entries"}]}""");
    }

    @Test
    void answersNotFoundForServicesOfAnUnknownUser() {
        onboard();

        assertThat(mvc.get().uri(services("nobody")).with(token("onboarding"))).hasStatus(HttpStatus.NOT_FOUND);
    }

    @Test
    void letsTheOperatorMaintainPlansAndInventory() {
        String plan = "BACKUP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

        assertThat(mvc.put().uri("/api/v1/operator/plans/" + plan).with(token("operator"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"name": "Backup", "unitType": "DEVICE", "minUnits": 1, "maxUnits": 50, "paid": false,
                         "requires": ["CUSTOMER-PORTAL"]}""")).hasStatusOk();
        assertThat(mvc.put().uri("/api/v1/operator/partners/" + partner + "/inventory/" + plan).with(token("operator"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"units": 20}""")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"planCode": "%s", "units": 20, "allocated": 0, "available": 20}""".formatted(plan));
        inventory.insertIfMissing(partner, "CUSTOMER-PORTAL", 1);
        onboard(new PlanRequest("CUSTOMER-PORTAL", 1, null), new PlanRequest(plan, 15, null));

        assertThat(mvc.put().uri("/api/v1/operator/partners/" + partner + "/inventory/" + plan).with(token("operator"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"units": 14}""")).hasStatus(HttpStatus.CONFLICT)
                .bodyJson().extractingPath("$.code").isEqualTo("UNITS_BELOW_ALLOCATED");
        assertThat(mvc.put().uri("/api/v1/operator/partners/" + partner + "/inventory/" + plan).with(token("operator"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"units": 30}""")).hasStatusOk().bodyJson().isLenientlyEqualTo("""
                {"units": 30, "allocated": 15, "available": 15}""");
    }

    @Test
    void reportsEveryInvalidFieldOfAPlanAtOnce() {
        assertThat(mvc.put().uri("/api/v1/operator/plans/bad.code").with(token("operator"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"unitType": "LITRE", "minUnits": 0, "requires": ["NOPE"]}""")).hasStatus(HttpStatus.BAD_REQUEST)
                .bodyJson().isLenientlyEqualTo("""
                        {"code": "VALIDATION_FAILED", "errors": [{"field": "code"}, {"field": "name"},
                         {"field": "unitType"}, {"field": "minUnits"}, {"field": "maxUnits"}, {"field": "requires[0]"}]}""");
    }

    @Test
    void refusesOperatorEndpointsToPartners() {
        assertThat(mvc.put().uri("/api/v1/operator/partners/" + partner + "/inventory/ARCHIVE").with(token("onboarding"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"units": 1000}""")).hasStatus(HttpStatus.FORBIDDEN);
    }

    /** Runs ASSIGN_PLANS for a new customer, as the onboarding saga does; returns the first subscription's id. */
    private String onboard(PlanRequest... plans) {
        StepResult result = assignment.assign("saga-" + UUID.randomUUID(), partner,
                new AssignPlans(customer, List.of(plans), true));
        assertThat(result).isInstanceOf(StepResult.Succeeded.class);
        List<?> assigned = ((PlansAssigned) result.payload()).subscriptions();
        return assigned.isEmpty() ? null : ((PlansAssigned) result.payload()).subscriptions().getFirst().subscriptionId();
    }

    private void publishUserCreated(String userId) {
        broker.publish(IdentityChannels.EVENTS, codec.encode(codec.event("UserCreated", partner, null,
                new UserCreated(customer, userId, userId + "@testbolag.se", userId + "@testbolag.se", "USER"))));
    }

    private org.springframework.test.web.servlet.assertj.MvcTestResult patchUnits(String id, int units) {
        return mvc.patch().uri(subscriptions() + "/" + id).with(token("onboarding"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"units\": " + units + "}").exchange();
    }

    private org.springframework.test.web.servlet.assertj.MvcTestResult putServices(String userId, String... plans) {
        String codes = String.join("\", \"", plans);
        return mvc.put().uri(services(userId)).with(token("onboarding")).contentType(MediaType.APPLICATION_JSON)
                .content("{\"planCodes\": [\"" + codes + "\"]}").exchange();
    }

    private String subscriptions() {
        return "/api/v1/customers/" + customer + "/subscriptions";
    }

    private String services(String userId) {
        return "/api/v1/customers/" + customer + "/users/" + userId + "/services";
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private RequestPostProcessor token(String scope) {
        return token(partner, scope);
    }

    private static RequestPostProcessor token(String partner, String scope) {
        return jwt().jwt(j -> j.claim("partner_id", partner)).authorities(new SimpleGrantedAuthority("SCOPE_" + scope));
    }
}
