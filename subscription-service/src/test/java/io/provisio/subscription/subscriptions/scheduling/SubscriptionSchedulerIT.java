package io.provisio.subscription.subscriptions.scheduling;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.participant.StepResult;
import io.provisio.platform.time.AdjustableClock;
import io.provisio.subscription.assignment.application.PlanAssignment;
import io.provisio.subscription.contracts.AssignPlans;
import io.provisio.subscription.contracts.PlanRequest;
import io.provisio.subscription.contracts.PlansAssigned;
import io.provisio.subscription.contracts.SubscriptionActivated;
import io.provisio.subscription.contracts.SubscriptionChannels;
import io.provisio.subscription.inventory.domain.InventoryItem;
import io.provisio.subscription.inventory.persistence.InventoryAllocator;
import io.provisio.subscription.inventory.persistence.InventoryStore;
import io.provisio.subscription.subscriptions.domain.PendingChange;
import io.provisio.subscription.subscriptions.domain.Subscription;
import io.provisio.subscription.subscriptions.domain.SubscriptionStatus;
import io.provisio.subscription.subscriptions.persistence.SubscriptionQueries;
import io.provisio.subscription.subscriptions.persistence.UnitChangeStore;
import io.provisio.subscription.testing.Queues;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduler on the test clock: activation on the start date with its event over the real broker,
 * catching up on whatever became due meanwhile, and recovery of units changes whose request died.
 */
@SpringBootTest(properties = {"provisio.bootstrap=src/test/resources/test-bootstrap.yml",
        "provisio.test-clock.enabled=true", "provisio.subscription.scheduler.interval=200ms"})
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SubscriptionSchedulerIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    PlanAssignment assignment;
    @Autowired
    SubscriptionQueries subscriptions;
    @Autowired
    UnitChangeStore changes;
    @Autowired
    InventoryStore inventory;
    @Autowired
    InventoryAllocator allocator;
    @Autowired
    MessageCodec codec;
    @Autowired
    Clock clock;

    private String partner;
    private BrokerProbe broker;
    private String events;

    @BeforeEach
    void tapEvents() {
        partner = "partner-" + UUID.randomUUID();
        broker = BrokerProbe.connect();
        events = broker.tap(SubscriptionChannels.EVENTS);
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
    void activatesAScheduledSubscriptionOnItsStartDateAndAnnouncesIt() {
        inventory.insertIfMissing(partner, "ARCHIVE", 100);
        LocalDate start = today().plusDays(3);
        Subscription scheduled = assign("cus-a", new PlanRequest("ARCHIVE", 25, start));
        assertThat(scheduled.status()).isEqualTo(SubscriptionStatus.SCHEDULED);

        Instant advanced = ((AdjustableClock) clock).advance(Duration.ofDays(3));

        Subscription active = await().atMost(WAIT).until(() -> subscriptions.find(scheduled.id()).orElseThrow(),
                s -> s.status() == SubscriptionStatus.ACTIVE);
        assertThat(active.billingStartedAt()).isAfterOrEqualTo(advanced);
        assertThat(LocalDate.ofInstant(active.billingStartedAt(), java.time.ZoneOffset.UTC)).isEqualTo(start);
        Envelope event = nextEvent(scheduled.id());
        assertThat(event.type()).isEqualTo("SubscriptionActivated");
        assertThat(event.partnerId()).isEqualTo(partner);
        assertThat(codec.payload(event, SubscriptionActivated.class)).isEqualTo(new SubscriptionActivated("cus-a",
                scheduled.id(), "ARCHIVE", 25, start, active.billingStartedAt()));
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 100, 25, 75));
    }

    @Test
    void catchesUpOnEverySubscriptionThatBecameDueWhileTimePassed() {
        inventory.insertIfMissing(partner, "ARCHIVE", 100);
        inventory.insertIfMissing(partner, "CUSTOMER-PORTAL", 10);
        Subscription first = assign("cus-b", new PlanRequest("ARCHIVE", 1, today().plusDays(1)));
        Subscription second = assign("cus-c", new PlanRequest("CUSTOMER-PORTAL", 1, today().plusDays(2)));
        Subscription later = assign("cus-d", new PlanRequest("ARCHIVE", 1, today().plusYears(50)));

        ((AdjustableClock) clock).advance(Duration.ofDays(5));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(subscriptions.find(first.id()).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
            assertThat(subscriptions.find(second.id()).orElseThrow().status()).isEqualTo(SubscriptionStatus.ACTIVE);
        });
        assertThat(eventsFor(Set.of(first.id(), second.id())).values())
                .extracting(e -> codec.payload(e, SubscriptionActivated.class).planCode())
                .containsExactlyInAnyOrder("ARCHIVE", "CUSTOMER-PORTAL");
        assertThat(subscriptions.find(later.id()).orElseThrow().status()).isEqualTo(SubscriptionStatus.SCHEDULED);
    }

    @Test
    void finishesAGrowthWhoseRequestDiedAfterTheInventoryGaveTheUnits() {
        inventory.insertIfMissing(partner, "ARCHIVE", 100);
        Subscription s = assign("cus-e", new PlanRequest("ARCHIVE", 10, null));
        PendingChange change = new PendingChange("op-" + UUID.randomUUID(), PendingChange.Kind.RESIZE, 10, 30,
                clock.instant());
        // The request's first two writes; it dies before the third.
        assertThat(changes.beginGrow(s.id(), 10, change)).isTrue();
        allocator.resize(partner, "ARCHIVE", s.id(), 10, 30);

        ((AdjustableClock) clock).advance(Duration.ofMinutes(3));

        await().atMost(WAIT).until(() -> subscriptions.pendingOf(s.id()).isEmpty());
        assertThat(subscriptions.find(s.id()).orElseThrow().units()).isEqualTo(30);
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 100, 30, 70));
    }

    @Test
    void returnsTheUnitsOfACancellationWhoseRequestDiedBeforeTheInventoryTookThemBack() {
        inventory.insertIfMissing(partner, "ARCHIVE", 100);
        Subscription s = assign("cus-f", new PlanRequest("ARCHIVE", 10, null));
        PendingChange change = new PendingChange("op-" + UUID.randomUUID(), PendingChange.Kind.CANCEL, 10, 0,
                clock.instant());
        assertThat(changes.beginCancel(s.id(), change, clock.instant())).isTrue();

        ((AdjustableClock) clock).advance(Duration.ofMinutes(3));

        await().atMost(WAIT).until(() -> subscriptions.pendingOf(s.id()).isEmpty());
        assertThat(subscriptions.find(s.id()).orElseThrow().status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 100, 0, 100));
    }

    @Test
    void compensationTakesOverAnAdditionInFlightAndRecoveryReturnsWhatItTookLate() {
        inventory.insertIfMissing(partner, "ARCHIVE", 100);
        inventory.insertIfMissing(partner, "CUSTOMER-PORTAL", 10);
        String saga = "saga-" + UUID.randomUUID();
        String customer = "cus-" + UUID.randomUUID();
        assignment.assign(saga, partner, new AssignPlans(customer, List.of(new PlanRequest("ARCHIVE", 5, null)), true));
        // A POST of CUSTOMER-PORTAL got as far as its PENDING subscription when the compensation came.
        Subscription added = Subscription.create(UUID.randomUUID().toString(), partner, customer, null,
                "CUSTOMER-PORTAL", 4, null, clock);
        PendingChange change = new PendingChange("op-" + UUID.randomUUID(), PendingChange.Kind.ADD, 0, 4,
                clock.instant());
        assertThat(changes.insertPending(added, change)).isTrue();

        assignment.undo(saga, partner, customer);
        // The request takes its units only now, cannot complete its addition, and dies before returning them.
        allocator.allocate(partner, "CUSTOMER-PORTAL", added.id(), 4);
        assertThat(changes.completeAdd(added.id(), change.op(), SubscriptionStatus.ACTIVE, clock.instant()))
                .isFalse();
        assertThat(inventory.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 100, 0, 100));

        ((AdjustableClock) clock).advance(Duration.ofMinutes(3));

        // The recovery removes the addition, then returns its units: both, in that order, a moment apart.
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(subscriptions.allOf(partner, customer)).isEmpty();
            assertThat(inventory.find(partner, "CUSTOMER-PORTAL"))
                    .contains(new InventoryItem(partner, "CUSTOMER-PORTAL", 10, 0, 10));
        });
    }

    private Subscription assign(String customer, PlanRequest plan) {
        StepResult result = assignment.assign("saga-" + UUID.randomUUID(), partner,
                new AssignPlans(customer, List.of(plan), true));
        String id = ((PlansAssigned) result.payload()).subscriptions().getFirst().subscriptionId();
        return subscriptions.find(id).orElseThrow();
    }

    /** The SubscriptionActivated of one subscription, skipping the events of others. */
    private Envelope nextEvent(String subscriptionId) {
        return eventsFor(Set.of(subscriptionId)).get(subscriptionId);
    }

    /** The SubscriptionActivated of each of these subscriptions, in whatever order they come. */
    private Map<String, Envelope> eventsFor(Set<String> subscriptionIds) {
        Map<String, Envelope> found = new HashMap<>();
        await().atMost(WAIT).until(() -> {
            broker.receive(events, Duration.ofMillis(200)).map(b -> codec.decode(b.getBytes(StandardCharsets.UTF_8)))
                    .filter(e -> subscriptionIds.contains(e.payload().get("subscriptionId").asString()))
                    .ifPresent(e -> found.put(e.payload().get("subscriptionId").asString(), e));
            return found.keySet().containsAll(subscriptionIds);
        });
        return found;
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
