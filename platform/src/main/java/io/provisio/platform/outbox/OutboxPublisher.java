package io.provisio.platform.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Publishes what a write put into an outbox right after the write, in this process: the way nearly
 * every message leaves. One sender thread takes whatever writes have queued up, hands all their messages
 * to the broker without waiting in between, and lets the confirms arrive together; each write is settled as
 * soon as its own confirms are in: settler threads take the confirmed entries out of their documents, every
 * write confirmed meanwhile in one round trip per collection ({@link PublishedEntries}). Under load the
 * batches grow by themselves, so the cost per message falls as the rate rises. Settles run
 * in parallel: a document has one write in flight at a time, so two settles never touch the same document,
 * and a settle is a store round trip that a store busy with other work answers slowly (one settler thread
 * was customer-service's whole outbox lag under load, docs/PERFORMANCE.md).
 *
 * <p>A message to one of this process's own {@link LocalChannel}s skips the broker: its handler runs here, on
 * that channel's own threads, as many as a binding's consumers ({@code provisio.outbox.local-delivery-threads},
 * {@code PROVISIO_CONSUMERS}), since they stand in for that binding; the handler's return is its confirm. A
 * handler takes store round trips: when a batch was settled only once all of it was confirmed, its slowest
 * handler held back every document in it, broker-bound ones too.
 *
 * <p>Nothing here is needed for correctness, only for speed: a message this publisher does not get to
 * (process killed, queue full, broker failing, a nack) stays in its document with the pending marker,
 * and the {@link OutboxRelay} publishes it later. Within one document, messages leave in the order they
 * were written; after a failure the document's later messages are left to the relay too.
 */
public final class OutboxPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    /** Settles waiting on the store at once; each holds a store connection only for its round trips. */
    private static final int SETTLER_THREADS = 4;

    /**
     * A write's messages.
     *
     * @param released it was held back behind an earlier write of its document, which has now been confirmed
     */
    private record Written(String collection, Object id, List<OutboxEntry> entries, boolean released) {

        String document() {
            return collection + '\u0000' + id;
        }
    }

    /** A write's messages as handed to the broker, each with its confirm; {@code settled} once out of the outbox. */
    private record Sent(Written written, List<CompletableFuture<Void>> confirms, CompletableFuture<Void> settled) {
    }

    /**
     * A channel this process consumes itself: its handler and its own threads, so one channel's backlog (commands)
     * never waits in front of another's (replies).
     */
    private record LocalDelivery(Consumer<Envelope> handler, ExecutorService threads) {
    }

    private final MongoTemplate mongo;
    private final ConfirmingPublisher publisher;
    private final MessageCodec codec;
    /** Resolved at start: the channels' handlers depend (through their stores) on this publisher. */
    private final Supplier<List<LocalChannel>> localChannelBeans;
    private volatile Map<String, LocalDelivery> localChannels = Map.of();
    private final int localDeliveryThreads;
    private final OutboxMetrics metrics;
    private final int batchSize;
    private final BlockingQueue<Written> queue;
    private final Duration confirmTimeout;
    /** Writes handed to the broker whose confirmed entries are not yet out of their documents. */
    private final Set<CompletableFuture<Void>> settling = ConcurrentHashMap.newKeySet();
    /** Writes whose confirms are all in, waiting for a settler; each settler round takes all there are. */
    private final Queue<Sent> confirmed = new ConcurrentLinkedQueue<>();
    /**
     * Documents with messages at the broker not yet confirmed, each with the later writes that wait for
     * that confirm. Consecutive sends may go out on different channels, which the broker does not keep in
     * order, so a document never has two writes in flight: this is what keeps its messages in order.
     */
    private final Map<String, List<Written>> inFlight = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile boolean accepting;
    private Thread sender;
    private ExecutorService settler;

    public OutboxPublisher(MongoTemplate mongo, ConfirmingPublisher publisher, MessageCodec codec,
                           Supplier<List<LocalChannel>> localChannels, OutboxMetrics metrics,
                           OutboxProperties properties) {
        this.mongo = mongo;
        this.publisher = publisher;
        this.codec = codec;
        this.localChannelBeans = localChannels;
        this.metrics = metrics;
        this.batchSize = properties.batchSize();
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
        this.confirmTimeout = properties.confirmTimeout();
        this.localDeliveryThreads = properties.localDeliveryThreads();
    }

    /** Takes a committed write's messages; never blocks the writer. */
    void written(String collection, Object id, List<OutboxEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        // While the broker fails, the relay probes it with back-off: hammering it from here would not help.
        if (!accepting || metrics.publishingFails() || !queue.offer(new Written(collection, id, entries, false))) {
            metrics.deferred(entries.size());
        }
    }

    private void sendLoop() {
        List<Written> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Written first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                send(batch).forEach(this::settleWhenConfirmed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The relay publishes whatever this batch did not: the loop must go on.
                log.warn("Publishing a batch of {} outbox writes failed; the relay will publish them", batch.size(), e);
            } finally {
                batch.clear();
            }
        }
    }

    private void settleWhenConfirmed(Sent sent) {
        settling.add(sent.settled());
        sent.settled().whenComplete((ignored, failure) -> settling.remove(sent.settled()));
        CompletableFuture.allOf(sent.confirms().toArray(CompletableFuture[]::new))
                .whenComplete((ignored, failure) -> {
                    confirmed.add(sent);
                    settler.execute(this::settleConfirmed);
                });
    }

    /** One settler round: every write confirmed by now, so a busy store gets fewer, larger round trips. */
    private void settleConfirmed() {
        List<Sent> round = new ArrayList<>();
        for (Sent sent = confirmed.poll(); sent != null; sent = round.size() < batchSize ? confirmed.poll() : null) {
            round.add(sent);
        }
        if (round.isEmpty()) {
            return;
        }
        try {
            settle(round);
        } finally {
            round.forEach(sent -> sent.settled().complete(null));
        }
    }

    private List<Sent> send(List<Written> batch) {
        List<Sent> sent = new ArrayList<>(batch.size());
        for (Written written : batch) {
            if (!written.released() && holdBack(written)) {
                continue;
            }
            List<CompletableFuture<Void>> confirms = new ArrayList<>(written.entries().size());
            for (OutboxEntry entry : written.entries()) {
                CompletableFuture<Void> confirm = localChannels.containsKey(entry.channel()) ? deliverLocally(entry)
                        : publisher.send(entry.channel(), entry.routing(), entry.messageId(), entry.type(), entry.traceparent(),
                        entry.body());
                confirms.add(confirm);
                if (confirm.isCompletedExceptionally()) {
                    // Refused on the spot (broker down): the rest of this write waits for the relay.
                    break;
                }
            }
            sent.add(new Sent(written, confirms, new CompletableFuture<>()));
        }
        return sent;
    }

    /**
     * Runs the channel's own handler on that channel's local-delivery threads, in a CONSUMER span continuing the
     * trace context stored with the entry, as a consumer of the broker would; done when it returned.
     */
    private CompletableFuture<Void> deliverLocally(OutboxEntry entry) {
        LocalDelivery local = localChannels.get(entry.channel());
        return CompletableFuture.runAsync(() -> {
            Envelope envelope = codec.decode(entry.body().getBytes(StandardCharsets.UTF_8));
            codec.tracing().handleLocally(envelope, local.handler());
        }, local.threads());
    }

    /** Whether the write must wait for an earlier write of its document (it then waits in {@link #inFlight}). */
    private boolean holdBack(Written written) {
        boolean[] held = {false};
        inFlight.compute(written.document(), (document, waiting) -> {
            if (waiting == null) {
                return new ArrayList<>();
            }
            waiting.add(written);
            held[0] = true;
            return waiting;
        });
        return held[0];
    }

    /**
     * The document's write is settled: the next write that waited for it may go, unless this one
     * failed, in which case every waiting write is left to the relay, which keeps them in order.
     */
    private void release(Written settled, boolean confirmed) {
        List<Written> dropped = new ArrayList<>();
        inFlight.compute(settled.document(), (document, waiting) -> {
            if (waiting == null || waiting.isEmpty()) {
                return null;
            }
            if (!confirmed) {
                dropped.addAll(waiting);
                return null;
            }
            Written next = waiting.removeFirst();
            if (!queue.offer(new Written(next.collection(), next.id(), next.entries(), true))) {
                dropped.add(next);
                dropped.addAll(waiting);
                return null;
            }
            return waiting;
        });
        dropped.forEach(w -> metrics.deferred(w.entries().size()));
    }

    /** Runs once every confirm of a batch is in: takes the confirmed entries out of their outboxes. */
    private void settle(List<Sent> sent) {
        Map<String, Map<Object, List<String>>> confirmedByCollection = new LinkedHashMap<>();
        List<Map.Entry<Written, Boolean>> settled = new ArrayList<>();
        for (Sent s : sent) {
            List<String> confirmed = new ArrayList<>();
            for (int i = 0; i < s.confirms().size(); i++) {
                try {
                    s.confirms().get(i).join();
                    OutboxEntry entry = s.written().entries().get(i);
                    if (localChannels.containsKey(entry.channel())) {
                        metrics.handledLocally(entry);
                    } else {
                        metrics.confirmed(entry, false);
                    }
                    confirmed.add(entry.entryId());
                } catch (CompletionException e) {
                    if (localChannels.containsKey(s.written().entries().get(i).channel())) {
                        log.warn("Handling {} here failed; the relay publishes it to the broker: {}",
                                s.written().entries().get(i).type(), e.getCause().toString());
                    } else {
                        metrics.failed(e.getCause());
                    }
                    break;
                }
            }
            boolean all = confirmed.size() == s.written().entries().size();
            if (!all) {
                metrics.deferred(s.written().entries().size() - confirmed.size());
            }
            settled.add(Map.entry(s.written(), all));
            if (!confirmed.isEmpty()) {
                confirmedByCollection.computeIfAbsent(s.written().collection(), c -> new LinkedHashMap<>())
                        .merge(s.written().id(), confirmed, (a, b) -> {
                            List<String> both = new ArrayList<>(a);
                            both.addAll(b);
                            return both;
                        });
            }
        }
        confirmedByCollection.forEach((collection, confirmed) -> {
            try {
                PublishedEntries.remove(mongo.getCollection(collection), confirmed, null);
            } catch (RuntimeException e) {
                // They stay marked pending: the relay publishes them again, consumers drop the duplicates.
                log.warn("Could not take {} published entries out of {}: {}", confirmed.size(), collection, e.toString());
            }
        });
        // Only now: a released write then usually finds its outbox holding just its own entries.
        settled.forEach(written -> release(written.getKey(), written.getValue()));
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        localChannels = localChannelBeans.get().stream().collect(Collectors.toUnmodifiableMap(LocalChannel::channel,
                local -> {
                    AtomicInteger threads = new AtomicInteger();
                    return new LocalDelivery(local.handler(), Executors.newFixedThreadPool(localDeliveryThreads,
                            r -> new Thread(r, "local-" + local.channel() + "-" + threads.incrementAndGet())));
                }));
        AtomicInteger settlers = new AtomicInteger();
        settler = Executors.newFixedThreadPool(SETTLER_THREADS,
                r -> new Thread(r, "outbox-settler-" + settlers.incrementAndGet()));
        running = true;
        accepting = true;
        sender = new Thread(this::sendLoop, "outbox-publisher");
        sender.start();
    }

    /** Publishes what is queued, waits for its confirms and settles it, then stops. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        accepting = false;
        running = false;
        try {
            sender.join(confirmTimeout.toMillis());
            CompletableFuture.allOf(settling.toArray(CompletableFuture[]::new))
                    .get(confirmTimeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("Stopped with published outbox entries not yet taken out of their documents; "
                    + "the relay will publish them again: {}", e.toString());
        } finally {
            settler.shutdownNow();
            localChannels.values().forEach(local -> local.threads().shutdownNow());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Starts before the consumers and the web server, which write, and stops after them, so what they
     * wrote in their last moments still leaves; the broker connection and MongoDB client outlive it.
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 4096;
    }
}
