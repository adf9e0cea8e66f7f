package io.provisio.notification.setup.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import io.provisio.notification.setup.domain.SetupTimer;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.outbox.OutgoingMessage;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

/**
 * {@code setup_timers}: one document per customer's setup ({@code _id} = customer id), RUNNING until setup completes
 * (COMPLETED) or its final escalation ran (ENDED). Any replica claims a due timer with one find-and-modify and a lease,
 * as the e-mail dispatcher claims e-mails; a claim's result is written only while the claimant still holds it, so a
 * replica that died mid-step leaves the step to be run again after its lease (every step's effect is idempotent).
 * Its outbox carries what a step tells customer-service ({@code RecordSetupEscalation}). Documents and updates are
 * mapped by Spring Data from {@link SetupTimerDocument}; the filters are the driver's.
 */
@Component
public class SetupTimerStore {

    public static final String COLLECTION = "setup_timers";
    static final String RUNNING = "RUNNING";
    static final String COMPLETED = "COMPLETED";
    static final String ENDED = "ENDED";

    private final MongoTemplate mongo;
    private final MongoMapping mapping;
    private final OutboxStore outbox;

    SetupTimerStore(MongoTemplate mongo, OutboxStore outbox) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
        this.outbox = outbox;
        // MongoDB serves the claim from it; the embedded store scans (few documents are RUNNING at once).
        collection().createIndex(Indexes.ascending("status", "dueAt"), new IndexOptions().name("setup_timers_due"));
    }

    /** @return false when the customer's setup has a timer already (a redelivered command) */
    public boolean insertIfAbsent(SetupTimer timer) {
        return MongoWrites.insertIfAbsent(collection(), mapping.document(SetupTimerDocument.running(timer)));
    }

    /** Claims the running timer that fell due first and is not held by a live lease. */
    public Optional<SetupTimer> claimNextDue(Instant now, Duration lease, String owner) {
        Document claimed = collection().findOneAndUpdate(
                and(eq("status", RUNNING), lte("dueAt", Date.from(now)),
                        or(eq("leaseUntil", null), lte("leaseUntil", Date.from(now)))),
                update(new Update().set("leaseUntil", now.plus(lease)).set("leaseOwner", owner)),
                new FindOneAndUpdateOptions().sort(Sorts.ascending("dueAt")).returnDocument(ReturnDocument.AFTER));
        return timer(claimed);
    }

    /**
     * The claimed step ran: the timer waits for {@code nextStep} at {@code dueAt}, or ends ({@code nextStep} -1, its
     * token removed). The first escalation's instant is kept. {@code messages} leave from this document's outbox,
     * written in the same update (the escalation's news for customer-service).
     *
     * @return false when the claim was lost (lease expired, or setup completed meanwhile)
     */
    public boolean advance(SetupTimer timer, String owner, int nextStep, Instant dueAt, Instant escalatedAt,
                           List<OutgoingMessage> messages) {
        Update set = new Update().set("leaseUntil", null).set("leaseOwner", null);
        if (nextStep < 0) {
            set.set("status", ENDED).set("token", null);
        } else {
            set.set("step", nextStep).set("dueAt", dueAt);
        }
        if (timer.escalatedAt() == null && escalatedAt != null) {
            set.set("escalatedAt", escalatedAt);
        }
        return outbox.updateWhere(COLLECTION, and(eq("_id", timer.customerId()), eq("leaseOwner", owner),
                eq("status", RUNNING), eq("step", timer.step())), mapping.fields(SetupTimerDocument.class, set),
                messages);
    }

    /**
     * Setup completed: the timer stops whatever step it is at, and the token goes.
     *
     * @return the timer as it was, when this call completed it; empty when it did not run (unknown, ended, or
     *         completed by an earlier delivery)
     */
    public Optional<SetupTimer> complete(String partnerId, String customerId, Instant at) {
        Document before = collection().findOneAndUpdate(
                and(eq("_id", customerId), eq("partnerId", partnerId), eq("status", RUNNING)),
                update(new Update().set("status", COMPLETED).set("completedAt", at).unset("token").unset("leaseUntil")
                        .unset("leaseOwner")),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.BEFORE));
        return timer(before);
    }

    /** The status of a customer's setup timer ({@code RUNNING}, {@code COMPLETED}, {@code ENDED}), if it has one. */
    public Optional<String> status(String customerId) {
        return Optional.ofNullable(mapping.read(SetupTimerDocument.class, collection().find(eq("_id", customerId))
                .first())).map(SetupTimerDocument::status);
    }

    private Optional<SetupTimer> timer(Document document) {
        return Optional.ofNullable(mapping.read(SetupTimerDocument.class, document)).map(SetupTimerDocument::timer);
    }

    private Document update(Update update) {
        return mapping.update(SetupTimerDocument.class, update);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
