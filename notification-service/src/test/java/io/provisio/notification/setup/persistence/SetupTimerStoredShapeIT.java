package io.provisio.notification.setup.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.provisio.notification.RunningService;
import io.provisio.notification.setup.application.SetupTimerWorker;
import io.provisio.notification.setup.domain.SetupTimer;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code setup_timers} documents the store writes, read raw: the field names, dates and nulls the hand-built
 * documents had (bench's StoreCloner and existing data read them), no type hint ({@code _class}), and the timer read
 * back whole from a claim and a completion. The service's worker is paused, so the claim here is the only one.
 */
class SetupTimerStoredShapeIT extends RunningService {

    private static final String PARTNER = "p-shape-timers";
    private static final Duration LEASE = Duration.ofMinutes(1);
    /** Due before anything else in this run's store, so the oldest-due-first claim takes this timer. */
    private static final Instant START = Instant.parse("2019-06-01T08:00:00.250Z");

    @Autowired
    SetupTimerStore timers;
    @Autowired
    SetupTimerWorker worker;
    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void pauseTheServicesWorker() {
        worker.stop();
    }

    /** A timer a failed test left running would otherwise be run by the worker, its messages reaching other tests. */
    @AfterEach
    void resumeTheServicesWorker() {
        mongo.getCollection(SetupTimerStore.COLLECTION).updateMany(new Document("partnerId", PARTNER)
                .append("status", "RUNNING"), new Document("$set", new Document("status", "ENDED")));
        worker.start();
    }

    @Test
    void aTimerIsStoredAsTheHandBuiltDocumentWasAndReadBackWhole() {
        String customerId = "cus-" + UUID.randomUUID();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("companyName", "Åkeri AB");
        model.put("accountName", "akeri");
        model.put("startDate", "2019-06-01");
        SetupTimer timer = new SetupTimer(customerId, PARTNER, "DELEGATE", "it@akeri.se", null, "sv", model,
                "ShapeTok8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2", START, 0, START, null);

        assertThat(timers.insertIfAbsent(timer)).isTrue();
        assertThat(timers.insertIfAbsent(timer)).as("a redelivery").isFalse();

        Document stored = raw(customerId);
        assertThat(stored.keySet()).containsExactly("_id", "partnerId", "by", "to", "partnerEmail", "language",
                "model", "token", "start", "step", "dueAt", "status", "escalatedAt", "completedAt");
        assertThat(stored).containsEntry("_id", customerId).containsEntry("partnerId", PARTNER)
                .containsEntry("by", "DELEGATE").containsEntry("to", "it@akeri.se").containsEntry("partnerEmail", null)
                .containsEntry("language", "sv").containsEntry("token", "ShapeTok8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2")
                .containsEntry("start", Date.from(START)).containsEntry("step", 0)
                .containsEntry("dueAt", Date.from(START)).containsEntry("status", "RUNNING")
                .containsEntry("escalatedAt", null).containsEntry("completedAt", null);
        assertThat(stored.get("model", Document.class)).isEqualTo(new Document("companyName", "Åkeri AB")
                .append("accountName", "akeri").append("startDate", "2019-06-01"));

        Instant now = START.plus(Duration.ofDays(3));
        SetupTimer claimed = timers.claimNextDue(now, LEASE, "replica-shape").orElseThrow();
        assertThat(claimed).usingRecursiveComparison().isEqualTo(timer);
        assertThat(raw(customerId)).containsEntry("leaseOwner", "replica-shape")
                .containsEntry("leaseUntil", Date.from(now.plus(LEASE))).containsEntry("status", "RUNNING");

        Instant nextDue = START.plus(Duration.ofDays(2));
        assertThat(timers.advance(claimed, "replica-shape", 1, nextDue, START, List.of())).isTrue();
        assertThat(timers.advance(claimed, "replica-shape", 1, nextDue, START, List.of())).as("step moved on")
                .isFalse();
        stored = raw(customerId);
        assertThat(stored).containsEntry("leaseOwner", null).containsEntry("leaseUntil", null)
                .containsEntry("step", 1).containsEntry("dueAt", Date.from(nextDue))
                .containsEntry("escalatedAt", Date.from(START)).containsEntry("status", "RUNNING")
                .containsEntry("token", "ShapeTok8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2");
        assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "partnerId", "by", "to", "partnerEmail",
                "language", "model", "token", "start", "step", "dueAt", "status", "escalatedAt", "completedAt",
                "leaseUntil", "leaseOwner", "version");

        Instant completedAt = START.plus(Duration.ofDays(4));
        SetupTimer before = timers.complete(PARTNER, customerId, completedAt).orElseThrow();
        assertThat(before).usingRecursiveComparison().isEqualTo(new SetupTimer(customerId, PARTNER, "DELEGATE",
                "it@akeri.se", null, "sv", model, "ShapeTok8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2", START, 1,
                nextDue, START));
        assertThat(before.toString()).doesNotContain("ShapeTok");
        assertThat(timers.complete(PARTNER, customerId, completedAt)).as("a repeat").isEmpty();
        stored = raw(customerId);
        assertThat(stored).containsEntry("status", "COMPLETED").containsEntry("completedAt", Date.from(completedAt))
                .doesNotContainKeys("token", "leaseUntil", "leaseOwner");
        assertThat(timers.status(customerId)).contains("COMPLETED");
        assertThat(timers.status("cus-" + UUID.randomUUID())).isEmpty();
        assertThat(mongo.getCollection(SetupTimerStore.COLLECTION).countDocuments(new Document("_class",
                new Document("$exists", true)))).as("no type hints").isZero();
    }

    @Test
    void theFinalStepEndsTheTimerAndRemovesItsToken() {
        String customerId = "cus-" + UUID.randomUUID();
        SetupTimer timer = new SetupTimer(customerId, PARTNER, "PARTNER", "ops@partner.se", "ops@partner.se", null,
                Map.of(), "EndTok8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2x", START, 3, START.minusSeconds(1), START);
        timers.insertIfAbsent(timer);
        assertThat(raw(customerId)).as("a new timer has not escalated, whatever it is given")
                .containsEntry("language", null).containsEntry("partnerEmail", "ops@partner.se")
                .containsEntry("escalatedAt", null).containsEntry("model", new Document());

        SetupTimer claimed = timers.claimNextDue(START, LEASE, "replica-end").orElseThrow();
        assertThat(claimed.customerId()).isEqualTo(customerId);
        assertThat(claimed.model()).isEmpty();
        assertThat(claimed.escalatedAt()).isNull();
        assertThat(timers.advance(claimed, "replica-end", -1, null, START.plusSeconds(5), List.of())).isTrue();

        Document stored = raw(customerId);
        assertThat(stored).containsEntry("status", "ENDED").containsEntry("token", null)
                .containsEntry("escalatedAt", Date.from(START.plusSeconds(5))).containsEntry("step", 3)
                .containsEntry("leaseOwner", null);
        assertThat(timers.status(customerId)).contains("ENDED");
        assertThat(timers.complete(PARTNER, customerId, START)).as("ended already").isEmpty();
    }

    @Test
    void aCustomerIdThatReadsAsObjectIdHexStaysAString() {
        String customerId = new ObjectId().toHexString();
        Instant due = START.plus(Duration.ofDays(30_000));
        assertThat(timers.insertIfAbsent(new SetupTimer(customerId, PARTNER, "DELEGATE", "it@hex.se", null, "en",
                Map.of(), "HexTok8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2xy", due, 0, due, null))).isTrue();

        assertThat(raw(customerId)).containsEntry("_id", customerId);
        assertThat(timers.complete(PARTNER, customerId, START).orElseThrow().customerId()).isEqualTo(customerId);
    }

    private Document raw(String customerId) {
        return mongo.getCollection(SetupTimerStore.COLLECTION).find(new Document("_id", customerId)).first();
    }
}
