package io.provisio.subscription.subscriptions.persistence;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.provisio.devstack.Infrastructure;
import io.provisio.subscription.subscriptions.domain.PendingChange;
import io.provisio.subscription.subscriptions.domain.Subscription;
import io.provisio.subscription.subscriptions.domain.SubscriptionStatus;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Subscriptions are stored field for field as they always were (the fields a subscription may lack written as
 * {@code null}, a calendar day as its UTC midnight, a change in flight as {@code pending}), and read back from that
 * shape, also with counters a migration left as long and without a field a later version added.
 */
class SubscriptionStoredShapeIT {

    private static final String DATABASE = "subscriptions-shape-it";
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00.123Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final LocalDate LATER = LocalDate.parse("2027-01-15");

    private static MongoClient client;
    private static MongoTemplate mongo;
    private static SagaSubscriptionStore sagaStore;
    private static UnitChangeStore unitChanges;
    private static BillingPauseStore billingPauses;
    private static SubscriptionQueries queries;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(Infrastructure.mongoUri());
        mongo = new MongoTemplate(client, DATABASE);
        sagaStore = new SagaSubscriptionStore(mongo);
        unitChanges = new UnitChangeStore(mongo);
        billingPauses = new BillingPauseStore(mongo);
        queries = new SubscriptionQueries(mongo);
    }

    @AfterAll
    static void disconnect() {
        client.getDatabase(DATABASE).drop();
        client.close();
    }

    @Test
    void aSagasScheduledSubscriptionAndItsBillingPause() {
        String partner = "shape-" + UUID.randomUUID();
        Subscription s = Subscription.start(partner, "customer-1", "saga-1", "ARCHIVE", 5, LATER, CLOCK);

        assertThat(sagaStore.insertIfMissing(s)).isTrue();
        Document stored = raw(s.id());
        assertThat(stored).isEqualTo(new Document("_id", s.id())
                .append("partnerId", partner).append("customerId", "customer-1").append("sagaId", "saga-1")
                .append("planCode", "ARCHIVE").append("units", 5).append("free", 5).append("users", List.of())
                .append("startDate", Date.from(Instant.parse("2027-01-15T00:00:00Z"))).append("status", "SCHEDULED")
                .append("billingStartedAt", null).append("billingPause", null)
                .append("createdAt", Date.from(NOW)).append("liveKey", partner + "/customer-1/ARCHIVE")
                .append("version", 0L));
        assertThat(List.copyOf(stored.keySet())).as("field order").containsExactly("_id", "partnerId", "customerId",
                "sagaId", "planCode", "units", "free", "users", "startDate", "status", "billingStartedAt",
                "billingPause", "createdAt", "liveKey", "version");
        assertThat(queries.find(s.id())).contains(s);

        Instant paused = NOW.plusSeconds(60);
        assertThat(billingPauses.recordBillingPause(partner, "customer-1", true, paused)).isEqualTo(1);
        assertThat(raw(s.id()).get("billingPause"))
                .isEqualTo(new Document("paused", true).append("at", Date.from(paused)));
        assertThat(queries.find(s.id())).contains(s.withBillingPausedAt(paused));
    }

    @Test
    void anAdditionInFlightIsPendingWithItsChange() {
        String partner = "shape-" + UUID.randomUUID();
        Subscription s = Subscription.create(UUID.randomUUID().toString(), partner, "customer-1", null, "ARCHIVE", 2,
                null, CLOCK);
        PendingChange change = new PendingChange("op-1", PendingChange.Kind.ADD, 0, 2, NOW);

        assertThat(unitChanges.insertPending(s, change)).isTrue();
        Document stored = raw(s.id());
        assertThat(stored.containsKey("sagaId")).as("sagaId written as null").isTrue();
        assertThat(stored.get("sagaId")).isNull();
        assertThat(stored.getString("status")).isEqualTo("PENDING");
        assertThat(stored.get("billingStartedAt")).isEqualTo(Date.from(NOW));
        assertThat(stored.get("pending")).isEqualTo(new Document("op", "op-1").append("kind", "ADD")
                .append("from", 0).append("to", 2).append("since", Date.from(NOW)));
        assertThat(queries.pendingOf(s.id())).contains(change);
    }

    @Test
    void aSubscriptionWithLongCountersAndUsersAndWithoutFreeReadsBack() {
        String partner = "shape-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        mongo.getCollection(SubscriptionDocuments.COLLECTION).insertOne(new Document("_id", id)
                .append("partnerId", partner).append("customerId", "customer-1").append("sagaId", null)
                .append("planCode", "ARCHIVE").append("units", 3L).append("users", List.of("u1", "u2"))
                .append("startDate", Date.from(Instant.parse("2026-12-01T00:00:00Z"))).append("status", "ACTIVE")
                .append("billingStartedAt", Date.from(NOW))
                .append("billingPause", new Document("paused", false).append("at", Date.from(NOW)))
                .append("createdAt", Date.from(NOW)).append("liveKey", partner + "/customer-1/ARCHIVE")
                .append("version", 4L));

        assertThat(queries.find(id)).contains(new Subscription(id, partner, "customer-1", null, "ARCHIVE", 3,
                LocalDate.parse("2026-12-01"), SubscriptionStatus.ACTIVE, NOW, null, NOW, List.of("u1", "u2")));
    }

    private static Document raw(String id) {
        return mongo.getCollection(SubscriptionDocuments.COLLECTION).find(eq("_id", id)).first();
    }
}
