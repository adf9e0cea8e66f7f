package io.provisio.subscription.subscriptions.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoCollection;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.subscription.subscriptions.domain.PendingChange;
import io.provisio.subscription.subscriptions.domain.Subscription;
import io.provisio.subscription.subscriptions.domain.SubscriptionStatus;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;
import static io.provisio.subscription.subscriptions.persistence.SubscriptionDocuments.BILLING_PAUSE;
import static io.provisio.subscription.subscriptions.persistence.SubscriptionDocuments.BILLING_RUNS;
import static io.provisio.subscription.subscriptions.persistence.SubscriptionDocuments.LIVE;
import static io.provisio.subscription.subscriptions.persistence.SubscriptionDocuments.PENDING;

/**
 * The units changes of {@code subscriptions} ({@link SubscriptionDocuments}, {@link PendingChange}): additions,
 * resizes and cancellations through the API, and the compensation's removal. Every write is one conditional update
 * of one document by {@code _id}, most of them on the change's {@code op}, so a slow request and a recovery can
 * never both apply a change.
 */
@Component
public class UnitChangeStore {

    private final SubscriptionDocuments documents;
    private final MongoCollection<Document> subscriptions;

    UnitChangeStore(MongoTemplate mongo) {
        this.documents = new SubscriptionDocuments(mongo);
        this.subscriptions = documents.collection();
    }

    /**
     * Inserts a subscription added through the API as PENDING with its change, before any unit moves.
     *
     * @return false when the customer already has a live (or pending) subscription of the plan
     */
    public boolean insertPending(Subscription s, PendingChange change) {
        return MongoWrites.insertIfAbsent(subscriptions, documents.pendingDocument(s, change));
    }

    /**
     * Deletes a subscription that is not PENDING (a PENDING one only ever turns live or disappears,
     * and a live or cancelled one never turns PENDING again), whatever change is in flight on it: that
     * change's next conditional write then misses.
     */
    public boolean deleteSettled(String id) {
        return subscriptions.deleteOne(and(eq("_id", id), ne("status", PENDING))).getDeletedCount() == 1;
    }

    /**
     * Takes an addition in flight away from its request: the change gets a new {@code op} (so the
     * request's {@code completeAdd} misses) and {@code since} = now, so the scheduler's recovery
     * removes it after the stale limit, giving back whatever a late allocation took meanwhile.
     */
    public boolean supersedeAdd(String id, String op, String newOp, Instant now) {
        return subscriptions.updateOne(and(eq("_id", id), eq("status", PENDING), eq("pending.op", op)),
                combine(set("pending.op", newOp), set("pending.since", Date.from(now)))).getMatchedCount() == 1;
    }

    /** Removes a PENDING addition that has not taken units yet, whichever change it carries now. */
    public boolean discardPending(String id) {
        return subscriptions.deleteOne(and(eq("_id", id), eq("status", PENDING))).getDeletedCount() == 1;
    }

    /** Shrinks a live subscription first (so no user can take the units being returned) and records the change. */
    public boolean beginShrink(String id, int from, PendingChange change) {
        int by = from - change.to();
        return subscriptions.updateOne(
                and(eq("_id", id), in("status", LIVE), eq("units", from), gte("free", by), exists("pending", false)),
                combine(set("units", change.to()), inc("free", -by),
                        set("pending", documents.pending(change)))).getMatchedCount() == 1;
    }

    /** Records a growth; the subscription's units change only once the inventory gave them. */
    public boolean beginGrow(String id, int from, PendingChange change) {
        return subscriptions.updateOne(
                and(eq("_id", id), in("status", LIVE), eq("units", from), exists("pending", false)),
                set("pending", documents.pending(change))).getMatchedCount() == 1;
    }

    /** Cancels a live subscription: its users lose the service, the change returns the units afterwards. */
    public boolean beginCancel(String id, PendingChange change, Instant now) {
        return subscriptions.updateOne(and(eq("_id", id), in("status", LIVE), exists("pending", false)),
                combine(set("status", SubscriptionStatus.CANCELLED.name()), set("cancelledAt", Date.from(now)),
                        set("liveKey", id), set("users", List.of()), set("free", 0),
                        set("pending", documents.pending(change)))).getMatchedCount() == 1;
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
                combine(set("status", status.name()),
                        set("billingStartedAt", SubscriptionDocuments.toDate(billingStartedAt)),
                        unset("pending"))).getMatchedCount() == 1) {
            return true;
        }
        return subscriptions.updateOne(and(eq("_id", id), eq("pending.op", op), eq(BILLING_PAUSE + ".paused", true)),
                combine(set("status", (status == SubscriptionStatus.ACTIVE ? SubscriptionStatus.SCHEDULED : status)
                        .name()), set("billingStartedAt", null), unset("pending"))).getMatchedCount() == 1;
    }

    /** Removes an addition that got no units. */
    public boolean abandonAdd(String id, String op) {
        return subscriptions.deleteOne(and(eq("_id", id), eq("pending.op", op), eq("status", PENDING)))
                .getDeletedCount() == 1;
    }
}
