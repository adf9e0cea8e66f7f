package io.provisio.subscription.subscription.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import io.provisio.platform.mongo.LatestInstant;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.outbox.OutgoingMessage;
import io.provisio.subscription.subscription.domain.PendingChange;
import io.provisio.subscription.subscription.domain.Subscription;
import io.provisio.subscription.subscription.domain.SubscriptionStatus;
import io.provisio.subscription.support.MongoWrites;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

/**
 * Collection {@code subscriptions}: {@code _id} = the subscription id, which is also the key of its holding
 * in the inventory ({@code inventory_holdings}). Besides the subscription's facts a document holds {@code free} (units no
 * user holds: {@code units - users.size()}, stored so one conditional update can hand out a unit),
 * {@code pending} (a units change in flight), {@code liveKey} (unique: one live subscription per
 * customer and plan), the activation lease, the outbox of its {@code SubscriptionActivated} and
 * {@code billingPause} (the customer's latest suspension or resumption, applied latest instant wins).
 */
@Component
public class SubscriptionStore {

    public static final String COLLECTION = "subscriptions";
    private static final List<String> LIVE = List.of(SubscriptionStatus.SCHEDULED.name(),
            SubscriptionStatus.ACTIVE.name());
    /** {@code {paused, at}}: the latest suspension or resumption of the customer applied to this subscription. */
    private static final String BILLING_PAUSE = "billingPause";
    private static final Bson BILLING_RUNS = ne(BILLING_PAUSE + ".paused", true);

    private final MongoCollection<Document> subscriptions;
    private final OutboxStore outbox;

    SubscriptionStore(MongoTemplate mongo, OutboxStore outbox) {
        this.subscriptions = mongo.getCollection(COLLECTION);
        this.outbox = outbox;
    }

    /**
     * {@code liveKey} is unique (the embedded store enforces unique indexes too); the others are
     * non-unique, so the embedded store ignores them and MongoDB serves the listings, the saga's
     * compensation and the scheduler's queries from them.
     */
    public void ensureIndexes() {
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

    /** @return whether it was new; a subscription created by an earlier run of the action stays as it is */
    public boolean insertIfMissing(Subscription s) {
        return MongoWrites.insertIfMissing(subscriptions, document(s));
    }

    /**
     * Inserts a subscription added through the API as PENDING with its change, before any unit moves.
     *
     * @return false when the customer already has a live (or pending) subscription of the plan
     */
    public boolean insertPending(Subscription s, PendingChange change) {
        Document document = document(s).append("status", SubscriptionStatus.PENDING.name())
                .append("pending", pending(change));
        return MongoWrites.insertIfMissing(subscriptions, document);
    }

    private static Document document(Subscription s) {
        return new Document("_id", s.id())
                .append("partnerId", s.partnerId())
                .append("customerId", s.customerId())
                .append("sagaId", s.sagaId())
                .append("planCode", s.planCode())
                .append("units", s.units())
                .append("free", s.unassigned())
                .append("users", s.users())
                .append("startDate", MongoWrites.toDate(s.startDate()))
                .append("status", s.status().name())
                .append("billingStartedAt", MongoWrites.toDate(s.billingStartedAt()))
                .append(BILLING_PAUSE, s.billingPausedAt() == null ? null
                        : new Document("paused", true).append("at", MongoWrites.toDate(s.billingPausedAt())))
                .append("createdAt", MongoWrites.toDate(s.createdAt()))
                .append("liveKey", s.status() == SubscriptionStatus.CANCELLED ? s.id()
                        : liveKey(s.partnerId(), s.customerId(), s.planCode()))
                .append("version", 0L);
    }

    public Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.find(eq("_id", id)).first()).map(SubscriptionStore::toSubscription);
    }

    /** The subscription if it belongs to the partner's customer and is not PENDING; else empty, as if absent. */
    public Optional<Subscription> findOf(String partnerId, String customerId, String id) {
        return Optional.ofNullable(subscriptions.find(and(eq("_id", id), eq("partnerId", partnerId),
                        eq("customerId", customerId), ne("status", SubscriptionStatus.PENDING.name()))).first())
                .map(SubscriptionStore::toSubscription);
    }

    public Optional<PendingChange> pendingOf(String id) {
        Document d = subscriptions.find(eq("_id", id)).first();
        return d == null ? Optional.empty() : Optional.ofNullable(toPending(d.get("pending", Document.class)));
    }

    /** The customer's subscriptions ordered by plan code (a PENDING one is not there yet). */
    public List<Subscription> pageOf(String partnerId, String customerId, int skip, int limit) {
        return subscriptions.find(listed(partnerId, customerId))
                .sort(Sorts.ascending("planCode", "_id")).skip(skip).limit(limit)
                .map(SubscriptionStore::toSubscription).into(new ArrayList<>());
    }

    public long countOf(String partnerId, String customerId) {
        return subscriptions.countDocuments(listed(partnerId, customerId));
    }

    private static Bson listed(String partnerId, String customerId) {
        return and(eq("partnerId", partnerId), eq("customerId", customerId),
                ne("status", SubscriptionStatus.PENDING.name()));
    }

    /** The customer's SCHEDULED and ACTIVE subscriptions. */
    public List<Subscription> liveOf(String partnerId, String customerId) {
        return subscriptions.find(and(eq("partnerId", partnerId), eq("customerId", customerId), in("status", LIVE)))
                .sort(Sorts.ascending("planCode")).map(SubscriptionStore::toSubscription).into(new ArrayList<>());
    }

    /** The subscriptions in which the user holds a unit. */
    public List<Subscription> heldBy(String partnerId, String customerId, String userId) {
        return subscriptions.find(and(eq("partnerId", partnerId), eq("customerId", customerId), eq("users", userId)))
                .sort(Sorts.ascending("planCode")).map(SubscriptionStore::toSubscription).into(new ArrayList<>());
    }

    /** Every subscription of the customer, whatever its status: PENDING and CANCELLED ones too. */
    public List<Subscription> allOf(String partnerId, String customerId) {
        return subscriptions.find(and(eq("partnerId", partnerId), eq("customerId", customerId)))
                .map(SubscriptionStore::toSubscription).into(new ArrayList<>());
    }

    /**
     * Deletes a subscription that is not PENDING (a PENDING one only ever turns live or disappears,
     * and a live or cancelled one never turns PENDING again), whatever change is in flight on it: that
     * change's next conditional write then misses.
     */
    public boolean deleteSettled(String id) {
        return subscriptions.deleteOne(and(eq("_id", id), ne("status", SubscriptionStatus.PENDING.name())))
                .getDeletedCount() == 1;
    }

    /**
     * Takes an addition in flight away from its request: the change gets a new {@code op} (so the
     * request's {@code completeAdd} misses) and {@code since} = now, so the scheduler's recovery
     * removes it after the stale limit, giving back whatever a late allocation took meanwhile.
     */
    public boolean supersedeAdd(String id, String op, String newOp, Instant now) {
        return subscriptions.updateOne(and(eq("_id", id), eq("status", SubscriptionStatus.PENDING.name()),
                        eq("pending.op", op)),
                combine(set("pending.op", newOp), set("pending.since", Date.from(now)))).getMatchedCount() == 1;
    }

    /** Removes a PENDING addition that has not taken units yet, whichever change it carries now. */
    public boolean discardPending(String id) {
        return subscriptions.deleteOne(and(eq("_id", id), eq("status", SubscriptionStatus.PENDING.name())))
                .getDeletedCount() == 1;
    }

    public long deleteOfSaga(String partnerId, String sagaId) {
        return subscriptions.deleteMany(and(eq("partnerId", partnerId), eq("sagaId", sagaId))).getDeletedCount();
    }

    // ---- per-user units: one conditional update each, so two requests never hand out the last unit twice

    /** @return whether the user now holds a unit of it (false: none left, not live, or gone) */
    public boolean takeUnit(String id, String userId) {
        return subscriptions.updateOne(
                and(eq("_id", id), in("status", LIVE), gte("free", 1), ne("users", userId)),
                combine(inc("free", -1), push("users", userId))).getMatchedCount() == 1
                || subscriptions.find(and(eq("_id", id), eq("users", userId))).first() != null;
    }

    /** @return whether this call gave the user's unit back */
    public boolean returnUnit(String id, String userId) {
        return subscriptions.updateOne(and(eq("_id", id), eq("users", userId)),
                combine(inc("free", 1), pull("users", userId))).getMatchedCount() == 1;
    }

    /** Gives back every unit the user holds of the customer's subscriptions; repeating it changes nothing. */
    public long returnUnitsOf(String partnerId, String customerId, String userId) {
        return subscriptions.updateMany(and(eq("partnerId", partnerId), eq("customerId", customerId),
                eq("users", userId)), combine(inc("free", 1), pull("users", userId))).getModifiedCount();
    }

    // ---- units changes (see PendingChange)

    /** Shrinks a live subscription first (so no user can take the units being returned) and records the change. */
    public boolean beginShrink(String id, int from, PendingChange change) {
        int by = from - change.to();
        return subscriptions.updateOne(
                and(eq("_id", id), in("status", LIVE), eq("units", from), gte("free", by), exists("pending", false)),
                combine(set("units", change.to()), inc("free", -by), set("pending", pending(change))))
                .getMatchedCount() == 1;
    }

    /** Records a growth; the subscription's units change only once the inventory gave them. */
    public boolean beginGrow(String id, int from, PendingChange change) {
        return subscriptions.updateOne(
                and(eq("_id", id), in("status", LIVE), eq("units", from), exists("pending", false)),
                set("pending", pending(change))).getMatchedCount() == 1;
    }

    /** Cancels a live subscription: its users lose the service, the change returns the units afterwards. */
    public boolean beginCancel(String id, PendingChange change, Instant now) {
        return subscriptions.updateOne(and(eq("_id", id), in("status", LIVE), exists("pending", false)),
                combine(set("status", SubscriptionStatus.CANCELLED.name()), set("cancelledAt", Date.from(now)),
                        set("liveKey", id), set("users", List.of()), set("free", 0),
                        set("pending", pending(change)))).getMatchedCount() == 1;
    }

    /** Ends a shrink or a cancellation, or abandons a growth that took nothing. */
    public boolean endChange(String id, String op) {
        return subscriptions.updateOne(and(eq("_id", id), eq("pending.op", op)), unset("pending"))
                .getMatchedCount() == 1;
    }

    /** Ends a growth the inventory gave: the subscription takes the units. */
    public boolean completeGrow(String id, PendingChange change) {
        int by = change.to() - change.from();
        return subscriptions.updateOne(and(eq("_id", id), eq("pending.op", change.op())),
                combine(set("units", change.to()), inc("free", by), unset("pending"))).getMatchedCount() == 1;
    }

    /**
     * Ends an addition whose units were taken: the subscription shows with the status its start date gives it,
     * except that one due now whose billing is paused (its customer is suspended) stays SCHEDULED: billing never
     * starts while paused, the scheduler starts it after the resume.
     */
    public boolean completeAdd(String id, String op, SubscriptionStatus status, Instant billingStartedAt) {
        if (subscriptions.updateOne(and(eq("_id", id), eq("pending.op", op), BILLING_RUNS),
                combine(set("status", status.name()), set("billingStartedAt", MongoWrites.toDate(billingStartedAt)),
                        unset("pending"))).getMatchedCount() == 1) {
            return true;
        }
        return subscriptions.updateOne(and(eq("_id", id), eq("pending.op", op), eq(BILLING_PAUSE + ".paused", true)),
                combine(set("status", (status == SubscriptionStatus.ACTIVE ? SubscriptionStatus.SCHEDULED : status)
                        .name()), set("billingStartedAt", null), unset("pending"))).getMatchedCount() == 1;
    }

    // ---- billing paused while the customer is suspended

    /**
     * Applies the customer's latest suspension ({@code paused}) or resumption as of {@code at} to each of its
     * subscriptions whose own record is older: one conditional update per document, so the latest instant wins
     * on every subscription whatever order the writers come in, and repeating it changes nothing. Every status
     * (a PENDING addition too), so one added while the customer is suspended is paused as well.
     *
     * @return how many subscriptions changed
     */
    public long recordBillingPause(String partnerId, String customerId, boolean paused, Instant at) {
        return subscriptions.updateMany(and(eq("partnerId", partnerId), eq("customerId", customerId),
                        LatestInstant.olderThan(BILLING_PAUSE, at)),
                set(BILLING_PAUSE, new Document("paused", paused).append("at", Date.from(at)))).getModifiedCount();
    }

    /** Removes an addition that got no units. */
    public boolean abandonAdd(String id, String op) {
        return subscriptions.deleteOne(and(eq("_id", id), eq("pending.op", op),
                eq("status", SubscriptionStatus.PENDING.name()))).getDeletedCount() == 1;
    }

    /**
     * Claims one change older than {@code staleBefore} for recovery by moving its {@code since} to now,
     * in one find-and-modify: another replica sees it stale again only after the same delay.
     */
    public Optional<StaleChange> claimStaleChange(Instant staleBefore, Instant now) {
        Document claimed = subscriptions.findOneAndUpdate(lt("pending.since", Date.from(staleBefore)),
                set("pending.since", Date.from(now)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed)
                .map(d -> new StaleChange(toSubscription(d), toPending(d.get("pending", Document.class))));
    }

    /** A subscription and the change a recovery claimed on it. */
    public record StaleChange(Subscription subscription, PendingChange change) {
    }

    // ---- activation on the start date

    /**
     * Claims one SCHEDULED subscription whose start date (a UTC day) is today or earlier, unless
     * another replica's lease on it is still running or its billing is paused (the customer is suspended):
     * one find-and-modify, so two replicas never activate the same subscription.
     */
    public Optional<Subscription> claimDue(LocalDate today, Instant now, Duration lease, String owner) {
        Document claimed = subscriptions.findOneAndUpdate(
                and(eq("status", SubscriptionStatus.SCHEDULED.name()), lte("startDate", MongoWrites.toDate(today)),
                        BILLING_RUNS, or(eq("activationLeaseUntil", null), lt("activationLeaseUntil", Date.from(now)))),
                combine(set("activationLeaseUntil", Date.from(now.plus(lease))), set("activationLeaseOwner", owner)),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("startDate")).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(SubscriptionStore::toSubscription);
    }

    /**
     * Turns the claimed subscription ACTIVE, starts billing and queues {@code event} in one
     * single-document update, only while this owner holds the claim, the units are still those of
     * the event and billing is not paused.
     */
    public boolean activate(Subscription claimed, String owner, Instant now, OutgoingMessage event) {
        return outbox.updateWhere(COLLECTION, and(eq("_id", claimed.id()),
                        eq("status", SubscriptionStatus.SCHEDULED.name()), eq("activationLeaseOwner", owner),
                        eq("units", claimed.units()), BILLING_RUNS),
                new Document("status", SubscriptionStatus.ACTIVE.name()).append("billingStartedAt", Date.from(now))
                        .append("activationLeaseUntil", null).append("activationLeaseOwner", null),
                List.of(event));
    }

    /** Gives a claim back at once, e.g. when the units changed under it; the next round tries again. */
    public void releaseClaim(String id, String owner) {
        subscriptions.updateOne(and(eq("_id", id), eq("activationLeaseOwner", owner)),
                combine(set("activationLeaseUntil", null), set("activationLeaseOwner", null)));
    }

    private static Document pending(PendingChange change) {
        return new Document("op", change.op()).append("kind", change.kind().name()).append("from", change.from())
                .append("to", change.to()).append("since", Date.from(change.since()));
    }

    private static PendingChange toPending(Document d) {
        if (d == null) {
            return null;
        }
        return new PendingChange(d.getString("op"), PendingChange.Kind.valueOf(d.getString("kind")),
                MongoWrites.intOf(d, "from"), MongoWrites.intOf(d, "to"), d.getDate("since").toInstant());
    }

    private static Subscription toSubscription(Document d) {
        return new Subscription(d.getString("_id"), d.getString("partnerId"), d.getString("customerId"),
                d.getString("sagaId"), d.getString("planCode"), MongoWrites.intOf(d, "units"),
                MongoWrites.toLocalDate(d.getDate("startDate")), SubscriptionStatus.valueOf(d.getString("status")),
                MongoWrites.toInstant(d.getDate("billingStartedAt")), billingPausedAt(d),
                MongoWrites.toInstant(d.getDate("createdAt")), d.getList("users", String.class, List.of()));
    }

    private static Instant billingPausedAt(Document d) {
        Document pause = d.get(BILLING_PAUSE, Document.class);
        return pause != null && pause.getBoolean("paused", false) ? MongoWrites.toInstant(pause.getDate("at")) : null;
    }
}
