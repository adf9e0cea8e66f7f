package io.provisio.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.provisio.platform.time.PeriodicWorker;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

/**
 * Drains the outboxes of the registered collections. Safe with any number of replicas: a replica
 * first leases a document (atomic find-and-modify on {@code outboxLeaseUntil}), publishes its
 * messages in order with confirms, then pulls exactly the confirmed ones by id. A replica that dies
 * mid-way leaves the lease to expire; the next one re-publishes what was not pulled, which the
 * idempotent consumers absorb (at-least-once delivery).
 *
 * <p>It polls on a fixed delay, and a local write nudges it, so a message usually leaves within
 * milliseconds of its commit.
 */
public final class OutboxRelay extends PeriodicWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String LEASE_UNTIL = "outboxLeaseUntil";
    private static final String LEASE_OWNER = "outboxLeaseOwner";

    private final MongoTemplate mongo;
    private final ConfirmingPublisher publisher;
    private final List<String> collections;
    private final OutboxProperties properties;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();
    private final Counter published;
    private final Counter failures;
    private final Timer lag;

    public OutboxRelay(MongoTemplate mongo, ConfirmingPublisher publisher, List<String> collections,
                       OutboxProperties properties, Clock clock, MeterRegistry meters) {
        // Stops before the broker connection and the MongoDB client go away.
        super("outbox-relay", properties.pollInterval(), Integer.MAX_VALUE - 100);
        this.mongo = mongo;
        this.publisher = publisher;
        this.collections = List.copyOf(collections);
        this.properties = properties;
        this.clock = clock;
        this.published = Counter.builder("provisio.outbox.published")
                .description("Messages the outbox relay published and the broker confirmed").register(meters);
        this.failures = Counter.builder("provisio.outbox.publish.failures")
                .description("Publish attempts the broker nacked, returned or did not confirm in time")
                .register(meters);
        this.lag = Timer.builder("provisio.outbox.lag")
                .description("Time from the state change to the broker's confirm")
                .publishPercentileHistogram().register(meters);
    }

    /** Asks the relay to run now instead of at its next poll. */
    public void nudge() {
        wakeUp();
    }

    /**
     * Publishes everything currently pending, in batches.
     *
     * @return how many messages were confirmed
     */
    public int relayPending() {
        int total = 0;
        for (String collection : collections) {
            for (int i = 0; i < properties.batchSize() && active(); i++) {
                Document leased = lease(mongo.getCollection(collection));
                if (leased == null) {
                    break;
                }
                total += publishLeased(mongo.getCollection(collection), leased);
            }
        }
        return total;
    }

    private Document lease(MongoCollection<Document> collection) {
        Instant now = clock.instant();
        Bson pending = and(exists("outbox.0"),
                or(eq(LEASE_UNTIL, null), lt(LEASE_UNTIL, Date.from(now))));
        Document update = new Document("$set", new Document(LEASE_UNTIL, Date.from(now.plus(properties.lease())))
                .append(LEASE_OWNER, owner));
        return collection.findOneAndUpdate(pending, update,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)
                        .projection(new Document("outbox", 1)));
    }

    private int publishLeased(MongoCollection<Document> collection, Document leased) {
        List<String> confirmed = new ArrayList<>();
        boolean failed = false;
        try {
            for (Document message : leased.getList("outbox", Document.class)) {
                if (!renewLease(collection, leased.get("_id"))) {
                    // Another replica took over after our lease ran out: it publishes the rest.
                    log.warn("Outbox lease on {} lost while publishing; leaving it to its new owner",
                            leased.get("_id"));
                    break;
                }
                publisher.publish(message.getString("channel"), message.getString("messageId"),
                        message.getString("type"), message.getString("traceparent"), message.getString("body"));
                confirmed.add(message.getString("entryId"));
                published.increment();
                Date createdAt = message.getDate("createdAt");
                if (createdAt != null) {
                    lag.record(Duration.between(createdAt.toInstant(), clock.instant()));
                }
            }
        } catch (PublishFailedException e) {
            failed = true;
            failures.increment();
            log.warn("Outbox publish failed, will retry in {}: {}", properties.retryDelay(), e.getMessage());
        }
        // After a failure the lease is kept for the retry delay: the document waits, the others go on.
        Document update = failed
                ? new Document("$set", new Document(LEASE_UNTIL, Date.from(clock.instant().plus(properties.retryDelay()))))
                : new Document("$unset", new Document(LEASE_UNTIL, "").append(LEASE_OWNER, ""));
        if (!confirmed.isEmpty()) {
            // No version bump: a writer's $push and this $pull by entryId commute, so stale writers
            // need not lose their optimistic write because the relay drained the outbox meanwhile.
            update.append("$pull", new Document("outbox", new Document("entryId", new Document("$in", confirmed))));
        }
        collection.updateOne(and(eq("_id", leased.get("_id")), eq(LEASE_OWNER, owner)), update);
        return confirmed.size();
    }

    private boolean renewLease(MongoCollection<Document> collection, Object id) {
        return collection.updateOne(and(eq("_id", id), eq(LEASE_OWNER, owner)),
                new Document("$set", new Document(LEASE_UNTIL, Date.from(clock.instant().plus(properties.lease())))))
                .getMatchedCount() == 1;
    }

    @Override
    protected void round() {
        relayPending();
    }
}
