package io.provisio.subscription.assignment.messaging;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.provisio.customer.contracts.DryRunFinding;
import io.provisio.customer.contracts.DryRunReport;
import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.participant.SagaParticipant;
import io.provisio.subscription.contracts.AssignPlans;
import io.provisio.subscription.contracts.AssignedSubscription;
import io.provisio.subscription.contracts.PlanRequest;
import io.provisio.subscription.contracts.PlansAssigned;
import io.provisio.subscription.contracts.PlansRejected;
import io.provisio.subscription.contracts.PlansReleased;
import io.provisio.subscription.contracts.ReleasePlans;
import io.provisio.subscription.contracts.SubscriptionChannels;
import io.provisio.subscription.contracts.ValidatePlans;
import io.provisio.subscription.inventory.domain.InventoryItem;
import io.provisio.subscription.inventory.persistence.InventoryStore;
import io.provisio.subscription.subscriptions.persistence.SubscriptionQueries;
import io.provisio.subscription.testing.Queues;
import io.provisio.subscription.testing.ReplyTap;
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
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/** ASSIGN_PLANS over the real broker: commands in on subscription-commands, replies out on saga-replies. */
@SpringBootTest(properties = "provisio.bootstrap=src/test/resources/test-bootstrap.yml")
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AssignPlansIT {

    private static final String STEP = "ASSIGN_PLANS";
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @Autowired
    MessageCodec codec;
    @Autowired
    InventoryStore inventory;
    @Autowired
    SubscriptionQueries subscriptions;
    @Autowired
    SagaParticipant participant;
    @Autowired
    MockMvcTester mvc;

    private ReplyTap replies;
    private String partner;

    @BeforeEach
    void tapRepliesForANewPartner() {
        replies = new ReplyTap(codec);
        partner = "partner-" + UUID.randomUUID();
    }

    @AfterEach
    void closeTap() {
        replies.close();
    }

    @AfterAll
    static void deleteQueues() {
        Queues.deleteAll();
    }

    @Test
    void allocatesUnitsAndRepliesPlansAssignedWhenInventoryCoversThePlans() {
        inventory.insertIfMissing(partner, "CUSTOMER-PORTAL", 10);
        inventory.insertIfMissing(partner, "HOSTED-EXCHANGE", 500);
        String saga = newSaga();

        replies.publish(SubscriptionChannels.COMMANDS, assign(saga, "cus-1",
                new PlanRequest("CUSTOMER-PORTAL", 1, TODAY.plusDays(30)),
                new PlanRequest("HOSTED-EXCHANGE", 25, TODAY)));

        Envelope reply = replies.next(saga);
        assertThat(reply.type()).isEqualTo("PlansAssigned");
        PlansAssigned assigned = codec.payload(reply, PlansAssigned.class);
        assertThat(assigned.customerId()).isEqualTo("cus-1");
        assertThat(assigned.subscriptions())
                .extracting(AssignedSubscription::planCode, AssignedSubscription::units,
                        AssignedSubscription::startDate, AssignedSubscription::status)
                .containsExactly(
                        tuple("CUSTOMER-PORTAL", 1, TODAY.plusDays(30), "SCHEDULED"),
                        tuple("HOSTED-EXCHANGE", 25, TODAY, "ACTIVE"));
        assertThat(mvc.get().uri("/api/v1/inventory").with(partnerToken("catalog")))
                .hasStatusOk().bodyJson().isLenientlyEqualTo("""
                        {"items": [
                          {"planCode": "CUSTOMER-PORTAL", "units": 10, "allocated": 1, "available": 9},
                          {"planCode": "HOSTED-EXCHANGE", "units": 500, "allocated": 25, "available": 475}],
                         "page": 0, "size": 20, "total": 2}""");
        assertThat(subscriptions.countOf(partner, "cus-1")).isEqualTo(2);
    }

    @Test
    void allocatesOnceAndResendsTheSameReplyWhenAssignPlansArrivesTwice() {
        inventory.insertIfMissing(partner, "ARCHIVE", 100);
        String saga = newSaga();
        Envelope command = assign(saga, "cus-1", new PlanRequest("ARCHIVE", 10, null));

        replies.publish(SubscriptionChannels.COMMANDS, command);
        Envelope first = replies.next(saga);
        // Redelivered after the step finished (a copy arriving while the first still runs, on another consumer,
        // gets no reply of its own: the first one's is on its way, SagaParticipant.settleLostRace).
        replies.publish(SubscriptionChannels.COMMANDS, command);
        Envelope second = replies.next(saga);
        assertThat(first.type()).isEqualTo("PlansAssigned");
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(second.payload()).isEqualTo(first.payload());
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 100, 10, 90));
        assertThat(subscriptions.countOf(partner, "cus-1")).isEqualTo(1);
    }

    @Test
    void rejectsWithInsufficientLicensesAndChangesNothingWhenInventoryIsShort() {
        inventory.insertIfMissing(partner, "ARCHIVE", 500);
        String saga = newSaga();

        replies.publish(SubscriptionChannels.COMMANDS, assign(saga, "cus-1", new PlanRequest("ARCHIVE", 600, null)));

        Envelope reply = replies.next(saga);
        assertThat(reply.type()).isEqualTo("PlansRejected");
        assertThat(codec.payload(reply, PlansRejected.class))
                .isEqualTo(new PlansRejected("INSUFFICIENT_LICENSES", "ARCHIVE: 600 units asked, 500 available"));
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 500, 0, 500));
        assertThat(subscriptions.countOf(partner, "cus-1")).isZero();
    }

    @Test
    void returnsTheFirstPlansUnitsWhenTheSecondPlanIsShort() {
        inventory.insertIfMissing(partner, "CUSTOMER-PORTAL", 10);
        inventory.insertIfMissing(partner, "HOSTED-EXCHANGE", 500);
        String saga = newSaga();

        replies.publish(SubscriptionChannels.COMMANDS, assign(saga, "cus-1",
                new PlanRequest("CUSTOMER-PORTAL", 1, null), new PlanRequest("HOSTED-EXCHANGE", 600, null)));

        Envelope reply = replies.next(saga);
        assertThat(codec.payload(reply, PlansRejected.class))
                .isEqualTo(new PlansRejected("INSUFFICIENT_LICENSES", "HOSTED-EXCHANGE: 600 units asked, 500 available"));
        assertThat(inventory.find(partner, "CUSTOMER-PORTAL"))
                .contains(new InventoryItem(partner, "CUSTOMER-PORTAL", 10, 0, 10));
        assertThat(inventory.find(partner, "HOSTED-EXCHANGE"))
                .contains(new InventoryItem(partner, "HOSTED-EXCHANGE", 500, 0, 500));
        assertThat(subscriptions.countOf(partner, "cus-1")).isZero();
    }

    @Test
    void rejectsUnknownPlanWithoutTouchingInventory() {
        inventory.insertIfMissing(partner, "ARCHIVE", 100);
        String saga = newSaga();

        replies.publish(SubscriptionChannels.COMMANDS, assign(saga, "cus-1",
                new PlanRequest("ARCHIVE", 10, null), new PlanRequest("TELEPATHY", 1, null)));

        assertThat(codec.payload(replies.next(saga), PlansRejected.class).code()).isEqualTo("PLAN_NOT_FOUND");
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 100, 0, 100));
    }

    @Test
    void returnsExactlyTheSagasUnitsOnceWhenReleasePlansArrivesTwice() {
        inventory.insertIfMissing(partner, "ARCHIVE", 100);
        String released = newSaga();
        String kept = newSaga();
        replies.publish(SubscriptionChannels.COMMANDS, assign(released, "cus-1", new PlanRequest("ARCHIVE", 10, null)));
        replies.publish(SubscriptionChannels.COMMANDS, assign(kept, "cus-2", new PlanRequest("ARCHIVE", 5, null)));
        assertThat(replies.next(released).type()).isEqualTo("PlansAssigned");
        assertThat(replies.next(kept).type()).isEqualTo("PlansAssigned");
        Envelope release = release(released, "cus-1");

        replies.publish(SubscriptionChannels.COMMANDS, release);
        replies.publish(SubscriptionChannels.COMMANDS, release);

        Envelope first = replies.next(released);
        Envelope second = replies.next(released);
        assertThat(first.type()).isEqualTo("PlansReleased");
        assertThat(codec.payload(first, PlansReleased.class)).isEqualTo(new PlansReleased("cus-1"));
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 100, 5, 95));
        assertThat(subscriptions.countOf(partner, "cus-1")).isZero();
        assertThat(subscriptions.countOf(partner, "cus-2")).isEqualTo(1);
    }

    @Test
    void refusesAssignPlansThatArrivesAfterItsOwnCompensation() {
        inventory.insertIfMissing(partner, "ARCHIVE", 100);
        String saga = newSaga();
        replies.publish(SubscriptionChannels.COMMANDS, release(saga, "cus-1"));
        assertThat(replies.next(saga).type()).isEqualTo("PlansReleased");

        replies.publish(SubscriptionChannels.COMMANDS, assign(saga, "cus-1", new PlanRequest("ARCHIVE", 10, null)));
        // The queue is handled in order: once a later command is answered, the late one was handled too.
        String marker = newSaga();
        replies.publish(SubscriptionChannels.COMMANDS, assign(marker, "cus-2"));
        assertThat(replies.next(marker).type()).isEqualTo("PlansAssigned");

        assertThat(replies.pending(saga)).isEmpty();
        assertThat(participant.record(saga, STEP).getString("state")).isEqualTo("COMPENSATED");
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 100, 0, 100));
        assertThat(subscriptions.countOf(partner, "cus-1")).isZero();
    }

    @Test
    void assignsNothingAndSucceedsWhenThePlanListIsEmpty() {
        String saga = newSaga();

        replies.publish(SubscriptionChannels.COMMANDS, assign(saga, "cus-1"));

        Envelope reply = replies.next(saga);
        assertThat(codec.payload(reply, PlansAssigned.class)).isEqualTo(new PlansAssigned("cus-1", List.of()));
    }

    @Test
    void reportsEveryProblemOfADryRunOnItsFieldAndWritesNothing() {
        inventory.insertIfMissing(partner, "ARCHIVE", 5);
        inventory.insertIfMissing(partner, "CUSTOMER-PORTAL", 10);
        try (BrokerProbe probe = BrokerProbe.connect()) {
            String dryRunReplies = probe.tap("dry-run-replies");
            Envelope validate = codec.command("ValidatePlans", null, null, partner, "dry-run-replies", null,
                    new ValidatePlans(List.of(new PlanRequest("ARCHIVE", 6, null), new PlanRequest("TELEPATHY", 1, null),
                            new PlanRequest("HOSTED-EXCHANGE", 1, null), new PlanRequest("CUSTOMER-PORTAL", 2, null)),
                            false));

            probe.publish(SubscriptionChannels.COMMANDS, codec.encode(validate));

            String body = probe.receive(dryRunReplies, java.time.Duration.ofSeconds(30)).orElseThrow();
            Envelope reply = codec.decode(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(reply.type()).isEqualTo("DryRunReport");
            assertThat(reply.causationId()).isEqualTo(validate.messageId());
            assertThat(codec.payload(reply, DryRunReport.class).findings())
                    .extracting(DryRunFinding::field, DryRunFinding::code)
                    .containsExactly(
                            tuple("plans[1].planCode", "PLAN_NOT_FOUND"),
                            tuple("acceptPaidPlans", "PAID_PLANS_NOT_ACCEPTED"),
                            tuple("plans[3].units", "UNITS_OUT_OF_RANGE"),
                            tuple("plans[0].units", "INSUFFICIENT_LICENSES"),
                            tuple("plans[2].units", "INSUFFICIENT_LICENSES"));
            assertThat(codec.payload(reply, DryRunReport.class).findings().get(3).message())
                    .isEqualTo("ARCHIVE: 6 units asked, 5 available");
        }
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 5, 0, 5));
        assertThat(subscriptions.countOf(partner, "cus-1")).isZero();
    }

    @Test
    void answersAnEmptyReportWhenTheDryRunFindsNothing() {
        inventory.insertIfMissing(partner, "ARCHIVE", 5);
        try (BrokerProbe probe = BrokerProbe.connect()) {
            String dryRunReplies = probe.tap("dry-run-replies");
            probe.publish(SubscriptionChannels.COMMANDS, codec.encode(codec.command("ValidatePlans", null, null, partner,
                    "dry-run-replies", null, new ValidatePlans(List.of(new PlanRequest("ARCHIVE", 5, null)), false))));

            String body = probe.receive(dryRunReplies, java.time.Duration.ofSeconds(30)).orElseThrow();
            assertThat(codec.payload(codec.decode(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    DryRunReport.class).findings()).isEmpty();
        }
    }

    @Test
    void servesTheCustomerOnlyWhileItsAssignmentStands() {
        inventory.insertIfMissing(partner, "ARCHIVE", 100);
        String saga = newSaga();
        replies.publish(SubscriptionChannels.COMMANDS, assign(saga, "cus-9", new PlanRequest("ARCHIVE", 3, null)));
        String id = codec.payload(replies.next(saga), PlansAssigned.class).subscriptions().getFirst().subscriptionId();
        assertThat(mvc.get().uri("/api/v1/customers/cus-9/subscriptions/" + id).with(partnerToken("onboarding")))
                .hasStatusOk();

        replies.publish(SubscriptionChannels.COMMANDS, release(saga, "cus-9"));
        assertThat(replies.next(saga).type()).isEqualTo("PlansReleased");

        assertThat(mvc.get().uri("/api/v1/customers/cus-9/subscriptions/" + id).with(partnerToken("onboarding")))
                .hasStatus(org.springframework.http.HttpStatus.NOT_FOUND);
        assertThat(mvc.post().uri("/api/v1/customers/cus-9/subscriptions").with(partnerToken("onboarding"))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).content("""
                        {"planCode": "ARCHIVE", "units": 1}""")).hasStatus(org.springframework.http.HttpStatus.NOT_FOUND);
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 100, 0, 100));
    }

    @Test
    void leavesNothingOfTheCustomerWhenReleasePlansFollowsChangesMadeThroughTheApi() {
        inventory.insertIfMissing(partner, "ARCHIVE", 100);
        inventory.insertIfMissing(partner, "CUSTOMER-PORTAL", 10);
        inventory.insertIfMissing(partner, "HOSTED-EXCHANGE", 50);
        String customer = "cus-" + UUID.randomUUID();
        String base = "/api/v1/customers/" + customer + "/subscriptions";
        String saga = newSaga();
        replies.publish(SubscriptionChannels.COMMANDS, assign(saga, customer, new PlanRequest("CUSTOMER-PORTAL", 1, null),
                new PlanRequest("ARCHIVE", 3, null)));
        String archive = codec.payload(replies.next(saga), PlansAssigned.class).subscriptions().stream()
                .filter(s -> s.planCode().equals("ARCHIVE")).findFirst().orElseThrow().subscriptionId();
        // Before the saga ends, the partner adds a plan and grows the saga's subscription through the API.
        assertThat(mvc.post().uri(base).with(partnerToken("onboarding")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"planCode": "HOSTED-EXCHANGE", "units": 40, "acceptPaidPlans": true}"""))
                .hasStatus(HttpStatus.CREATED);
        assertThat(mvc.patch().uri(base + "/" + archive).with(partnerToken("onboarding"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"units": 8}""")).hasStatusOk();
        assertThat(subscriptions.allOf(partner, customer)).hasSize(3);
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 100, 8, 92));
        assertThat(inventory.find(partner, "HOSTED-EXCHANGE"))
                .contains(new InventoryItem(partner, "HOSTED-EXCHANGE", 50, 40, 10));

        replies.publish(SubscriptionChannels.COMMANDS, release(saga, customer));

        assertThat(replies.next(saga).type()).isEqualTo("PlansReleased");
        assertThat(subscriptions.allOf(partner, customer)).isEmpty();
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 100, 0, 100));
        assertThat(inventory.find(partner, "CUSTOMER-PORTAL"))
                .contains(new InventoryItem(partner, "CUSTOMER-PORTAL", 10, 0, 10));
        assertThat(inventory.find(partner, "HOSTED-EXCHANGE"))
                .contains(new InventoryItem(partner, "HOSTED-EXCHANGE", 50, 0, 50));
        assertThat(mvc.get().uri(base).with(partnerToken("onboarding"))).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.post().uri(base).with(partnerToken("onboarding")).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"planCode": "HOSTED-EXCHANGE", "units": 1, "acceptPaidPlans": true}"""))
                .hasStatus(HttpStatus.NOT_FOUND);
        assertThat(mvc.patch().uri(base + "/" + archive).with(partnerToken("onboarding"))
                .contentType(MediaType.APPLICATION_JSON).content("""
                        {"units": 9}""")).hasStatus(HttpStatus.NOT_FOUND);
        assertThat(subscriptions.allOf(partner, customer)).isEmpty();
        assertThat(inventory.find(partner, "HOSTED-EXCHANGE"))
                .contains(new InventoryItem(partner, "HOSTED-EXCHANGE", 50, 0, 50));
    }

    private Envelope assign(String saga, String customerId, PlanRequest... plans) {
        return codec.command("AssignPlans", saga, STEP, partner, ReplyTap.REPLIES, null,
                new AssignPlans(customerId, List.of(plans), true));
    }

    private Envelope release(String saga, String customerId) {
        return codec.command("ReleasePlans", saga, STEP, partner, ReplyTap.REPLIES, null, new ReleasePlans(customerId));
    }

    private static String newSaga() {
        return "saga-" + UUID.randomUUID();
    }

    private RequestPostProcessor partnerToken(String scope) {
        return jwt().jwt(j -> j.claim("partner_id", partner)).authorities(new SimpleGrantedAuthority("SCOPE_" + scope));
    }
}
