package io.provisio.subscription.subscriptions.persistence;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.outbox.OutgoingMessage;
import io.provisio.subscription.subscriptions.domain.PendingChange;
import io.provisio.subscription.subscriptions.domain.Subscription;
import io.provisio.subscription.subscriptions.domain.SubscriptionStatus;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static io.provisio.subscription.subscriptions.persistence.SubscriptionDocuments.BILLING_RUNS;

/**
 * The scheduler's claims on {@code subscriptions} ({@link SubscriptionDocuments}): one find-and-modify each, served
 * by the indexes on {@code (status, startDate)} and {@code pending.since}, so two replicas never work on the same
 * subscription at once.
 */
@Component
public class SchedulerClaims {

    private final SubscriptionDocuments documents;
    private final MongoCollection<Document> subscriptions;
    private final OutboxStore outbox;

    SchedulerClaims(MongoTemplate mongo, OutboxStore outbox) {
        this.documents = new SubscriptionDocuments(mongo);
        this.subscriptions = documents.collection();
        this.outbox = outbox;
    }

    /**
     * Claims one SCHEDULED subscription whose start date (a UTC day) is today or earlier, unless
     * another replica's lease on it is still running or its billing is paused (the customer is suspended):
     * one find-and-modify, so two replicas never activate the same subscription.
     */
    public Optional<Subscription> claimDue(LocalDate today, Instant now, Duration lease, String owner) {
        Document claimed = subscriptions.findOneAndUpdate(
                and(eq("status", SubscriptionStatus.SCHEDULED.name()),
                        lte("startDate", SubscriptionDocuments.toDate(today)), BILLING_RUNS,
                        or(eq("activationLeaseUntil", null), lt("activationLeaseUntil", Date.from(now)))),
                combine(set("activationLeaseUntil", Date.from(now.plus(lease))), set("activationLeaseOwner", owner)),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("startDate")).returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(documents::subscription);
    }

    /**
     * Turns the claimed subscription ACTIVE, starts billing and queues {@code event} in one
     * single-document update, only while this owner holds the claim, the units are still those of
     * the event and billing is not paused.
     */
    public boolean activate(Subscription claimed, String owner, Instant now, OutgoingMessage event) {
        return outbox.updateWhere(SubscriptionDocuments.COLLECTION, and(eq("_id", claimed.id()),
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

    /**
     * Claims one change older than {@code staleBefore} for recovery by moving its {@code since} to now,
     * in one find-and-modify: another replica sees it stale again only after the same delay.
     */
    public Optional<StaleChange> claimStaleChange(Instant staleBefore, Instant now) {
        Document claimed = subscriptions.findOneAndUpdate(lt("pending.since", Date.from(staleBefore)),
                set("pending.since", Date.from(now)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed).map(d -> new StaleChange(documents.subscription(d),
                documents.pendingOf(d)));
    }

    /** A subscription and the change a recovery claimed on it. */
    public record StaleChange(Subscription subscription, PendingChange change) {
    }
}
