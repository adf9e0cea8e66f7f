package io.provisio.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.platform.time.PeriodicWorker;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

/**
 * Recovers what the {@link OutboxPublisher} did not publish: the writing process died before the
 * confirm, its queue was full, or the broker refused. Every {@code recovery-interval} it asks each outbox
 * collection, through the sparse index on {@code outboxPendingSince}, for documents whose oldest message
 * has waited longer than {@code recovery-age}. It leases each one (atomic find-and-modify on the lease
 * fields, so any number of replicas can run), publishes its whole outbox in order with confirms, and
 * takes out what was confirmed. A document that fails waits {@code retry-delay}, doubling per failure.
 * While the broker fails, a round tries one document only (a probe) instead of all of them.
 *
 * <p>It also exports {@code provisio_outbox_oldest_pending_seconds}: how long the oldest unpublished
 * message of the service has waited, the figure that shows a stalled relay even when nothing succeeds.
 */
public final class OutboxRelay extends PeriodicWorker {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final ConfirmingPublisher publisher;
    private final List<String> collections;
    private final OutboxProperties properties;
    private final Clock clock;
    private final OutboxMetrics metrics;
    private final String owner = UUID.randomUUID().toString();
    /** Per collection, when its oldest unpublished message was written, as the last round read it. */
    private final Map<String, Instant> oldestPending = new ConcurrentHashMap<>();

    public OutboxRelay(MongoTemplate mongo, ConfirmingPublisher publisher, List<String> collections,
                       OutboxProperties properties, Clock clock, OutboxMetrics metrics, MeterRegistry meters) {
        // Stops before the publisher, the broker connection and the MongoDB client go away.
        super("outbox-relay", properties.recoveryInterval(), Integer.MAX_VALUE - 100);
        this.mongo = mongo;
        this.publisher = publisher;
        this.collections = List.copyOf(collections);
        this.properties = properties;
        this.clock = clock;
        this.metrics = metrics;
        // The age is taken when scraped, from the instant the last round read: if rounds stop reading (the store
        // fails, the relay hangs), it keeps growing instead of freezing at its last value.
        Gauge.builder("provisio.outbox.oldest.pending", oldestPending, pending -> pending.values().stream()
                        .min(Instant::compareTo)
                        .map(oldest -> Duration.between(oldest, clock.instant()).toMillis() / 1000.0).orElse(0.0))
                .description("Age of the oldest message still waiting in an outbox of this service (0: none)")
                .baseUnit("seconds").register(meters);
    }

    /**
     * Declares the marker's index and marks what was written before the marker existed. Runs on every
     * start: index creation is idempotent, and the marking finds nothing after the first time.
     */
    @Override
    public void start() {
        for (String name : collections) {
            MongoCollection<Document> collection = mongo.getCollection(name);
            collection.createIndex(Indexes.ascending(OutboxStore.PENDING_SINCE),
                    new IndexOptions().sparse(true).name("outbox_pending"));
            // Start-up only: the one query here that is not served by an index.
            collection.updateMany(and(exists(OutboxStore.OUTBOX + ".0"), exists(OutboxStore.PENDING_SINCE, false)),
                    new Document("$set", new Document(OutboxStore.PENDING_SINCE, Date.from(clock.instant()))));
        }
        super.start();
    }

    /**
     * Publishes what waited longer than {@code recovery-age} (or anything pending, with
     * {@code Duration.ZERO}, for tests and operators).
     *
     * @return how many messages were confirmed
     */
    public int relayPending() {
        return relayPending(properties.recoveryAge());
    }

    public int relayPending(Duration minimumAge) {
        int total = 0;
        for (String name : collections) {
            MongoCollection<Document> collection = mongo.getCollection(name);
            Instant now = clock.instant();
            Document oldest = collection.find(lt(OutboxStore.PENDING_SINCE, Date.from(now)))
                    .projection(new Document(OutboxStore.PENDING_SINCE, 1))
                    .sort(Sorts.ascending(OutboxStore.PENDING_SINCE)).limit(1).first();
            if (oldest == null) {
                oldestPending.remove(name);
            } else {
                oldestPending.put(name, oldest.getDate(OutboxStore.PENDING_SINCE).toInstant());
            }
            List<Object> due = collection.find(lte(OutboxStore.PENDING_SINCE, Date.from(now.minus(minimumAge))))
                    .projection(new Document("_id", 1))
                    .sort(Sorts.ascending(OutboxStore.PENDING_SINCE)).limit(properties.batchSize())
                    .map(d -> d.get("_id")).into(new ArrayList<>());
            for (Object id : due) {
                if (!active()) {
                    return total;
                }
                boolean probing = metrics.publishingFails();
                Document leased = lease(collection, id);
                if (leased != null) {
                    total += publish(collection, leased);
                    if (probing && metrics.publishingFails()) {
                        break;
                    }
                }
            }
        }
        return total;
    }

    private Document lease(MongoCollection<Document> collection, Object id) {
        Instant now = clock.instant();
        return collection.findOneAndUpdate(
                and(eq("_id", id), exists(OutboxStore.PENDING_SINCE),
                        or(eq(PublishedEntries.LEASE_UNTIL, null), lt(PublishedEntries.LEASE_UNTIL, Date.from(now)))),
                new Document("$set", new Document(PublishedEntries.LEASE_UNTIL, Date.from(now.plus(properties.lease())))
                        .append(PublishedEntries.LEASE_OWNER, owner)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)
                        .projection(new Document(OutboxStore.OUTBOX, 1).append(PublishedEntries.FAILURES, 1)));
    }

    private int publish(MongoCollection<Document> collection, Document leased) {
        Object id = leased.get("_id");
        List<OutboxEntry> entries = leased.getList(OutboxStore.OUTBOX, Document.class, List.of()).stream()
                .map(OutboxEntry::of).toList();
        List<String> confirmed = new ArrayList<>();
        boolean failed = false;
        List<CompletableFuture<Void>> confirms = entries.stream()
                .map(e -> publisher.send(e.channel(), e.routing(), e.messageId(), e.type(), e.traceparent(), e.body())).toList();
        for (int i = 0; i < entries.size(); i++) {
            try {
                confirms.get(i).join();
                metrics.confirmed(entries.get(i), true);
                confirmed.add(entries.get(i).entryId());
            } catch (CompletionException e) {
                failed = true;
                metrics.failed(e.getCause());
                break;
            }
        }
        if (!failed) {
            // Everything it held is out (an empty leftover outbox just loses its marker), lease included.
            PublishedEntries.remove(collection, Map.of(id, confirmed), eq(PublishedEntries.LEASE_OWNER, owner));
            releaseIfStillOurs(collection, id, new Document("$unset",
                    new Document(PublishedEntries.LEASE_UNTIL, "").append(PublishedEntries.LEASE_OWNER, "")));
            return confirmed.size();
        }
        if (!confirmed.isEmpty()) {
            PublishedEntries.remove(collection, Map.of(id, confirmed), eq(PublishedEntries.LEASE_OWNER, owner));
        }
        int failures = leased.getInteger(PublishedEntries.FAILURES, 0);
        Duration wait = backOff(failures);
        // The lease, kept for the back-off, is what makes the document wait while the others go on.
        releaseIfStillOurs(collection, id, new Document("$set", new Document(PublishedEntries.LEASE_UNTIL,
                Date.from(clock.instant().plus(wait)))).append("$inc", new Document(PublishedEntries.FAILURES, 1)));
        log.debug("Outbox of {} in {} failed {} time(s); next try in {}", id, collection.getNamespace(), failures + 1, wait);
        return confirmed.size();
    }

    private void releaseIfStillOurs(MongoCollection<Document> collection, Object id, Document update) {
        collection.updateOne(and(eq("_id", id), eq(PublishedEntries.LEASE_OWNER, owner)), update);
    }

    private Duration backOff(int failures) {
        Duration wait = properties.retryDelay().multipliedBy(1L << Math.min(failures, 20));
        return wait.compareTo(properties.maxRetryDelay()) > 0 ? properties.maxRetryDelay() : wait;
    }

    @Override
    protected void round() {
        try {
            relayPending();
        } catch (RuntimeException e) {
            // provisio_outbox_relay_failures_total: a round that could not read its store or publish (alert
            // ProvisioOutboxRelayFailing); the worker logs it and tries again next round.
            metrics.relayFailed();
            throw e;
        }
    }
}
