package io.provisio.subscription.subscriptions.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerResumed;
import io.provisio.customer.contracts.CustomerSuspended;
import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.identity.contracts.UserCreated;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.participant.StepResult;
import io.provisio.platform.time.AdjustableClock;
import io.provisio.subscription.assignment.application.PlanAssignment;
import io.provisio.subscription.contracts.AssignPlans;
import io.provisio.subscription.contracts.PlanRequest;
import io.provisio.subscription.inventory.persistence.InventoryStore;
import io.provisio.subscription.subscriptions.domain.Subscription;
import io.provisio.subscription.subscriptions.domain.SubscriptionStatus;
import io.provisio.subscription.subscriptions.persistence.SubscriptionQueries;
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
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;

/**
 * CustomerSuspended / CustomerResumed on the real broker's {@code customer-events}, as customer-service publishes
 * them, on the test clock: billing paused and started again, no subscription starting while suspended, no new
 * per-user services. Events that must change nothing are followed by a sentinel customer's suspension; once its
 * billing is paused, the events published before it were taken.
 */
@SpringBootTest(properties = {"provisio.bootstrap=src/test/resources/test-bootstrap.yml",
        "provisio.test-clock.enabled=true", "provisio.subscription.scheduler.interval=200ms"})
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@AutoConfigureMockMvc
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CustomerSuspensionIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    MockMvcTester mvc;
    @Autowired
    PlanAssignment assignment;
    @Autowired
    SubscriptionQueries subscriptions;
    @Autowired
    InventoryStore inventory;
    @Autowired
    MessageCodec codec;
    @Autowired
    Clock clock;

    private String partner;
    private String customer;
    private BrokerProbe broker;

    @BeforeEach
    void partnerWithInventory() {
        partner = "partner-" + UUID.randomUUID();
        customer = "cus-" + UUID.randomUUID();
        broker = BrokerProbe.connect();
        inventory.insertIfMissing(partner, "ARCHIVE", 100);
        inventory.insertIfMissing(partner, "CUSTOMER-PORTAL", 10);
        inventory.insertIfMissing(partner, "HOSTED-EXCHANGE", 100);
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
    void pausesBillingAndNewServicesWhileSuspendedAndStartsWhatBecameDueOnResume() {
        onboard(customer, new PlanRequest("ARCHIVE", 5, null), new PlanRequest("CUSTOMER-PORTAL", 1, today().plusDays(2)));
        String control = "cus-" + UUID.randomUUID();
        onboard(control, new PlanRequest("CUSTOMER-PORTAL", 1, today().plusDays(2)));
        Subscription archive = subscription("ARCHIVE");
        publishUserCreated("u-1");
        publishUserCreated("u-2");
        await().atMost(WAIT).untilAsserted(() -> assertThat(mvc.get().uri(services("u-2")).with(token())).hasStatusOk());
        assertThat(putServices("u-1", "ARCHIVE")).hasStatusOk();
        Instant suspendedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);

        publish(suspended(customer, suspendedAt));

        await().atMost(WAIT).until(() -> subscriptions.allOf(partner, customer).stream()
                .allMatch(s -> suspendedAt.equals(s.billingPausedAt())));
        assertThat(mvc.get().uri(subscriptions() + "/" + archive.id()).with(token())).bodyJson().isLenientlyEqualTo("""
                {"status": "ACTIVE", "billingPausedAt": "%s"}""".formatted(suspendedAt));
        assertThat(putServices("u-2", "ARCHIVE")).hasStatus(HttpStatus.CONFLICT)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON).bodyJson().extractingPath("$.code")
                .isEqualTo("CUSTOMER_SUSPENDED");
        assertThat(putServices("u-1", "ARCHIVE")).as("keeping a service is no new one").hasStatusOk();
        assertThat(putServices("u-1")).as("dropping one is allowed").hasStatusOk();
        assertThat(putServices("u-1", "ARCHIVE")).as("taking it again is a new one")
                .hasStatus(HttpStatus.CONFLICT);
        assertThat(subscriptions.find(archive.id()).orElseThrow().users()).isEmpty();
        MvcTestResult added = mvc.post().uri(subscriptions()).with(token()).contentType(MediaType.APPLICATION_JSON)
                .content("""
                        {"planCode": "HOSTED-EXCHANGE", "units": 10, "acceptPaidPlans": true}""").exchange();
        assertThat(added).as("added while suspended: it does not start").hasStatus(HttpStatus.CREATED).bodyJson()
                .isLenientlyEqualTo("""
                        {"status": "SCHEDULED", "billingStartedAt": null, "billingPausedAt": "%s"}"""
                        .formatted(suspendedAt));

        // Past the start date: the control customer's subscription starts, the suspended customer's does not.
        ((AdjustableClock) clock).advance(Duration.ofDays(3));
        await().atMost(WAIT).until(() -> subscriptions.allOf(partner, control).getFirst().status()
                == SubscriptionStatus.ACTIVE);
        publish(suspended(customer, suspendedAt));
        publish(resumed(customer, suspendedAt.minusSeconds(1)));
        awaitSentinel();
        assertThat(subscriptions.allOf(partner, customer)).allSatisfy(s ->
                assertThat(s.billingPausedAt()).isEqualTo(suspendedAt));
        assertThat(subscription("CUSTOMER-PORTAL").status()).isEqualTo(SubscriptionStatus.SCHEDULED);
        assertThat(subscription("HOSTED-EXCHANGE").status()).isEqualTo(SubscriptionStatus.SCHEDULED);

        Instant resumedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Envelope resume = resumed(customer, resumedAt);
        publish(resume);
        publish(resume);

        await().atMost(WAIT).until(() -> subscriptions.allOf(partner, customer).stream()
                .allMatch(s -> s.status() == SubscriptionStatus.ACTIVE && s.billingPausedAt() == null));
        assertThat(subscription("CUSTOMER-PORTAL").billingStartedAt()).isAfterOrEqualTo(resumedAt);
        assertThat(subscription("HOSTED-EXCHANGE").billingStartedAt()).isAfterOrEqualTo(resumedAt);
        assertThat(subscription("ARCHIVE").billingStartedAt()).as("an ACTIVE one keeps its start")
                .isEqualTo(archive.billingStartedAt());
        assertThat(putServices("u-2", "ARCHIVE")).hasStatusOk();

        publish(suspended(customer, suspendedAt.plusSeconds(1)));
        awaitSentinel();
        assertThat(subscriptions.allOf(partner, customer)).as("a suspension older than the resume, late")
                .allSatisfy(s -> assertThat(s.billingPausedAt()).isNull());
        assertThat(mvc.get().uri(subscriptions() + "/" + archive.id()).with(token())).bodyJson()
                .isLenientlyEqualTo("""
                        {"billingPausedAt": null}""");
    }

    @Test
    void ignoresAnotherPartnersSuspensionOfTheCustomer() {
        onboard(customer, new PlanRequest("ARCHIVE", 5, null));
        publishUserCreated("u-1");
        await().atMost(WAIT).untilAsserted(() -> assertThat(mvc.get().uri(services("u-1")).with(token())).hasStatusOk());

        broker.publish(CustomerChannels.EVENTS, codec.encode(codec.event("CustomerSuspended", "partner-other", null,
                new CustomerSuspended(customer, clock.instant()))));
        awaitSentinel();

        assertThat(subscription("ARCHIVE").billingPausedAt()).isNull();
        assertThat(putServices("u-1", "ARCHIVE")).hasStatusOk();
    }

    /** Suspends a customer of its own and waits for its billing to pause: the events before it were taken. */
    private void awaitSentinel() {
        String sentinel = "cus-sentinel-" + UUID.randomUUID();
        onboard(sentinel, new PlanRequest("ARCHIVE", 1, null));
        publish(suspended(sentinel, clock.instant()));
        await().atMost(WAIT).until(() -> subscriptions.allOf(partner, sentinel).getFirst().billingPausedAt() != null);
    }

    /** ASSIGN_PLANS for the customer, as the onboarding saga runs it. */
    private void onboard(String customerId, PlanRequest... plans) {
        assertThat(assignment.assign("saga-" + UUID.randomUUID(), partner,
                new AssignPlans(customerId, List.of(plans), true))).isInstanceOf(StepResult.Succeeded.class);
    }

    private Subscription subscription(String planCode) {
        return subscriptions.allOf(partner, customer).stream().filter(s -> planCode.equals(s.planCode()))
                .findFirst().orElseThrow();
    }

    private Envelope suspended(String customerId, Instant at) {
        return codec.event("CustomerSuspended", partner, null, new CustomerSuspended(customerId, at));
    }

    private Envelope resumed(String customerId, Instant at) {
        return codec.event("CustomerResumed", partner, null, new CustomerResumed(customerId, at));
    }

    private void publish(Envelope event) {
        broker.publish(CustomerChannels.EVENTS, codec.encode(event));
    }

    private void publishUserCreated(String userId) {
        broker.publish(IdentityChannels.EVENTS, codec.encode(codec.event("UserCreated", partner, null,
                new UserCreated(customer, userId, userId + "@testbolag.se", userId + "@testbolag.se", "USER"))));
    }

    private MvcTestResult putServices(String userId, String... plans) {
        String codes = plans.length == 0 ? "" : "\"" + String.join("\", \"", plans) + "\"";
        return mvc.put().uri(services(userId)).with(token()).contentType(MediaType.APPLICATION_JSON)
                .content("{\"planCodes\": [" + codes + "]}").exchange();
    }

    private String subscriptions() {
        return "/api/v1/customers/" + customer + "/subscriptions";
    }

    private String services(String userId) {
        return "/api/v1/customers/" + customer + "/users/" + userId + "/services";
    }

    private java.time.LocalDate today() {
        return Subscription.today(clock);
    }

    private RequestPostProcessor token() {
        return jwt().jwt(j -> j.claim("partner_id", partner)).authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));
    }
}
