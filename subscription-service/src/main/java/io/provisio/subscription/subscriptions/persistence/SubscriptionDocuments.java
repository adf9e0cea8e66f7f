package io.provisio.subscription.subscriptions.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.provisio.platform.mongo.BsonFields;
import io.provisio.subscription.subscriptions.domain.PendingChange;
import io.provisio.subscription.subscriptions.domain.Subscription;
import io.provisio.subscription.subscriptions.domain.SubscriptionStatus;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.ne;

/**
 * Collection {@code subscriptions}: {@code _id} = the subscription id, which is also the key of its holding in the
 * inventory ({@code inventory_holdings}). Besides the subscription's facts a document holds {@code free} (units no
 * user holds: {@code units - users.size()}, stored so one conditional update can hand out a unit), {@code pending}
 * (a units change in flight), {@code liveKey} (unique: one live subscription per customer and plan), the activation
 * lease, the outbox of its {@code SubscriptionActivated} and {@code billingPause} (the customer's latest suspension
 * or resumption, applied latest instant wins).
 *
 * <p>The mapping and the indexes every store of the collection shares; each store serves one use (API queries, the
 * saga step, units changes, per-user units, billing pauses, the scheduler's claims).
 */
final class SubscriptionDocuments {

    static final String COLLECTION = "subscriptions";
    static final List<String> LIVE = List.of(SubscriptionStatus.SCHEDULED.name(), SubscriptionStatus.ACTIVE.name());
    static final String PENDING = SubscriptionStatus.PENDING.name();
    /** {@code {paused, at}}: the latest suspension or resumption of the customer applied to this subscription. */
    static final String BILLING_PAUSE = "billingPause";
    static final Bson BILLING_RUNS = ne(BILLING_PAUSE + ".paused", true);

    private SubscriptionDocuments() {
    }

    static MongoCollection<Document> collection(MongoTemplate mongo) {
        return mongo.getCollection(COLLECTION);
    }

    /**
     * {@code liveKey} is unique (the embedded store enforces unique indexes too); the others are non-unique, so the
     * embedded store ignores them and MongoDB serves the listings, the saga's compensation and the scheduler's
     * queries from them.
     */
    static void ensureIndexes(MongoCollection<Document> subscriptions) {
        subscriptions.createIndex(Indexes.ascending("liveKey"), new IndexOptions().unique(true));
        subscriptions.createIndex(Indexes.ascending("partnerId", "customerId", "planCode"));
        subscriptions.createIndex(Indexes.ascending("partnerId", "sagaId"));
        subscriptions.createIndex(Indexes.ascending("status", "startDate"));
        subscriptions.createIndex(Indexes.ascending("pending.since"));
    }

    /** While live, one subscription per customer and plan; a cancelled one frees the key (it then holds its id). */
    static String liveKey(String partnerId, String customerId, String planCode) {
        return partnerId + "/" + customerId + "/" + planCode;
    }

    static Document document(Subscription s) {
        return new Document("_id", s.id())
                .append("partnerId", s.partnerId())
                .append("customerId", s.customerId())
                .append("sagaId", s.sagaId())
                .append("planCode", s.planCode())
                .append("units", s.units())
                .append("free", s.unassigned())
                .append("users", s.users())
                .append("startDate", toDate(s.startDate()))
                .append("status", s.status().name())
                .append("billingStartedAt", toDate(s.billingStartedAt()))
                .append(BILLING_PAUSE, s.billingPausedAt() == null ? null
                        : new Document("paused", true).append("at", toDate(s.billingPausedAt())))
                .append("createdAt", toDate(s.createdAt()))
                .append("liveKey", s.status() == SubscriptionStatus.CANCELLED ? s.id()
                        : liveKey(s.partnerId(), s.customerId(), s.planCode()))
                .append("version", 0L);
    }

    static Document pending(PendingChange change) {
        return new Document("op", change.op()).append("kind", change.kind().name()).append("from", change.from())
                .append("to", change.to()).append("since", Date.from(change.since()));
    }

    static PendingChange toPending(Document d) {
        if (d == null) {
            return null;
        }
        return new PendingChange(d.getString("op"), PendingChange.Kind.valueOf(d.getString("kind")),
                BsonFields.intOf(d, "from"), BsonFields.intOf(d, "to"), d.getDate("since").toInstant());
    }

    static PendingChange pendingOf(Document subscription) {
        return toPending(subscription.get("pending", Document.class));
    }

    static Subscription toSubscription(Document d) {
        return new Subscription(d.getString("_id"), d.getString("partnerId"), d.getString("customerId"),
                d.getString("sagaId"), d.getString("planCode"), BsonFields.intOf(d, "units"),
                toLocalDate(d.getDate("startDate")), SubscriptionStatus.valueOf(d.getString("status")),
                toInstant(d.getDate("billingStartedAt")), billingPausedAt(d), toInstant(d.getDate("createdAt")),
                d.getList("users", String.class, List.of()));
    }

    private static Instant billingPausedAt(Document d) {
        Document pause = d.get(BILLING_PAUSE, Document.class);
        return pause != null && pause.getBoolean("paused", false) ? toInstant(pause.getDate("at")) : null;
    }

    /** Calendar days are stored as UTC midnight, so "due by now" is a plain range query. */
    static Date toDate(LocalDate day) {
        return day == null ? null : Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    static Date toDate(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static LocalDate toLocalDate(Date date) {
        return date == null ? null : LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC);
    }

    private static Instant toInstant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
