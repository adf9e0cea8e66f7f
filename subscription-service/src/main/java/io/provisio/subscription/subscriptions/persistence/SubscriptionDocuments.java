package io.provisio.subscription.subscriptions.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.provisio.platform.mongo.MongoMapping;
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

    private final MongoCollection<Document> collection;
    private final MongoMapping mapping;

    SubscriptionDocuments(MongoTemplate mongo) {
        this.collection = mongo.getCollection(COLLECTION);
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    MongoCollection<Document> collection() {
        return collection;
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

    /** A new subscription's document (a saga's: its own status, no change in flight). */
    Document document(Subscription s) {
        return mapping.document(SubscriptionDocument.of(s, s.status(), null));
    }

    /** A subscription added through the API: PENDING, with its change. */
    Document pendingDocument(Subscription s, PendingChange change) {
        return mapping.document(SubscriptionDocument.of(s, SubscriptionStatus.PENDING, change));
    }

    /** A units change as {@code pending} holds it. */
    Document pending(PendingChange change) {
        return mapping.document(change);
    }

    /** What a billing pause field holds. */
    Document billingPause(boolean paused, Instant at) {
        return mapping.document(new SubscriptionDocument.BillingPause(paused, at));
    }

    Subscription subscription(Document document) {
        return mapping.read(SubscriptionDocument.class, document).subscription();
    }

    /** The change in flight on a subscription's document, or {@code null}. */
    PendingChange pendingOf(Document document) {
        return mapping.read(SubscriptionDocument.class, document).pending();
    }

    /** Calendar days are stored as UTC midnight, so "due by now" is a plain range query. */
    static Date toDate(LocalDate day) {
        return day == null ? null : Date.from(SubscriptionDocument.startOf(day));
    }

    static Date toDate(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
