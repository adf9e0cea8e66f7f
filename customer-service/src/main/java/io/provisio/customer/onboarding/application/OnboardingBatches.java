package io.provisio.customer.onboarding.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.provisio.customer.onboarding.domain.Batch;
import io.provisio.customer.onboarding.domain.BatchRow;
import io.provisio.customer.onboarding.domain.OnboardingStatus;
import io.provisio.ids.Ids;
import io.provisio.platform.messaging.MessageTracing;
import io.provisio.platform.refusal.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Onboarding batches (ADR 021): stored as submitted, then started row by row by {@link #pace()}, at most
 * {@link BatchProperties#window()} running at once per batch and one batch per partner at a time. Each row starts
 * with an Idempotency-Key of its own, so starting it again (this replica after a crash between the start and the
 * row's update, or another replica after the lease passed) answers the onboarding it started, never a second one.
 */
@Service
public class OnboardingBatches {

    private static final Logger log = LoggerFactory.getLogger(OnboardingBatches.class);
    /** An entry younger than this may belong to a batch being stored right now. */
    private static final Duration ORPHAN_AFTER = Duration.ofMinutes(1);

    private final BatchRepository batches;
    private final OnboardingRepository onboardings;
    private final OnboardingService starter;
    private final BatchProperties properties;
    private final Clock clock;
    private final MessageTracing tracing;
    private final ObservationRegistry observations;
    private final String owner = "batch-pacer-" + UUID.randomUUID();
    /** The batches this replica leases, as it last stored them: current while the lease is KEPT. */
    private final Map<String, Batch> held = new ConcurrentHashMap<>();
    private final Counter started;
    private final Counter rejected;

    OnboardingBatches(BatchRepository batches, OnboardingRepository onboardings, OnboardingService starter,
                      BatchProperties properties, Clock clock, MessageTracing tracing,
                      ObservationRegistry observations, MeterRegistry meters) {
        this.batches = batches;
        this.onboardings = onboardings;
        this.starter = starter;
        this.properties = properties;
        this.clock = clock;
        this.tracing = tracing;
        this.observations = observations;
        this.started = rows(meters, "started");
        this.rejected = rows(meters, "rejected");
    }

    private static Counter rows(MeterRegistry meters, String outcome) {
        return Counter.builder("provisio.onboarding.batch.rows").tag("outcome", outcome)
                .description("Batch rows started as onboardings, or refused when their turn came").register(meters);
    }

    /** A batch, and whether this call stored it (false: an Idempotency-Key replay). */
    public record Submitted(Batch batch, boolean created) {
    }

    /**
     * Stores a batch of judged rows (QUEUED or INVALID); the pacer starts the queued ones.
     *
     * @param idempotencyKey the partner's key with the digest of the body, or {@code null}
     * @throws Refusal IDEMPOTENCY_KEY_REUSED when the key came before with another body
     */
    public Submitted submit(String partnerId, List<BatchRow> rows, IdempotencyKey idempotencyKey) {
        if (idempotencyKey != null) {
            Optional<Submitted> earlier = replay(partnerId, idempotencyKey);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        Batch batch = Batch.create(Ids.newId("bat"), partnerId, clock.instant(), rows);
        try {
            batches.insert(batch, idempotencyKey);
        } catch (BatchKeyTakenException e) {
            return replay(partnerId, idempotencyKey).orElseThrow(() -> e);
        }
        log.info("Onboarding batch {} of {} rows stored ({} queued)", batch.id(), rows.size(),
                batch.counts().get(BatchRow.Status.QUEUED));
        return new Submitted(batch, true);
    }

    private Optional<Submitted> replay(String partnerId, IdempotencyKey key) {
        return batches.findByIdempotencyKey(partnerId, key.key()).map(earlier -> {
            if (!key.sameRequestAs(earlier.requestDigest())) {
                throw StartRefusal.keyReused();
            }
            return new Submitted(current(earlier.batch()), false);
        });
    }

    /** The partner's batch with each running row's status as its onboarding has it now. */
    public Optional<Batch> find(String partnerId, String id) {
        return batches.find(partnerId, id).map(this::current);
    }

    private Batch current(Batch batch) {
        return with(batch, moved(batch));
    }

    private static Batch with(Batch batch, List<BatchRow> rows) {
        Batch changed = batch;
        for (BatchRow row : rows) {
            changed = changed.with(row);
        }
        return changed;
    }

    /** The running rows whose onboarding has moved on since the batch was stored: at most the window's. */
    private List<BatchRow> moved(Batch batch) {
        List<BatchRow> running = batch.rows().stream().filter(BatchRow::inFlight).toList();
        if (running.isEmpty()) {
            return List.of();
        }
        Map<String, OnboardingStatus> statuses = onboardings.statuses(batch.partnerId(),
                running.stream().map(BatchRow::onboardingId).toList());
        List<BatchRow> moved = new ArrayList<>();
        for (BatchRow row : running) {
            OnboardingStatus status = statuses.get(row.onboardingId());
            if (status != null && BatchRow.Status.of(status) != row.status()) {
                moved.add(row.started(row.onboardingId(), status));
            }
        }
        return moved;
    }

    /**
     * One round of the pacer: for each partner's oldest open batch that this replica can lease, notes which
     * running rows ended and starts queued rows up to the window. Any replica may call it.
     *
     * @return how many rows it started or refused
     */
    public int pace() {
        List<BatchRepository.Queued> queued = batches.queued(100);
        Set<String> partners = new HashSet<>();
        Set<String> open = new HashSet<>();
        int moved = 0;
        for (BatchRepository.Queued entry : queued) {
            open.add(entry.batchId());
            // One batch per partner at a time, the oldest first: a partner's second batch waits for its first.
            if (partners.add(entry.partnerId())) {
                try {
                    moved += advance(entry);
                } catch (RuntimeException e) {
                    held.remove(entry.batchId());
                    log.warn("Batch {} could not advance, will retry: {}", entry.batchId(), e.toString());
                }
            }
        }
        held.keySet().retainAll(open);
        return moved;
    }

    private int advance(BatchRepository.Queued entry) {
        Instant now = clock.instant();
        BatchRepository.Lease lease = batches.lease(entry.batchId(), owner, now, now.plus(properties.lease()));
        if (lease == BatchRepository.Lease.REFUSED) {
            held.remove(entry.batchId());
            return 0;
        }
        Batch batch = lease == BatchRepository.Lease.KEPT ? held.get(entry.batchId()) : null;
        if (batch == null) {
            Optional<Batch> stored = batches.find(entry.batchId());
            if (stored.isEmpty()) {
                if (entry.createdAt().isBefore(now.minus(ORPHAN_AFTER))) {
                    batches.dequeue(entry.batchId());
                }
                return 0;
            }
            batch = stored.get();
        }
        held.remove(batch.id());
        List<BatchRow> changed = new ArrayList<>(moved(batch));
        batch = with(batch, changed);
        try {
            for (BatchRow row : batch.toStart(properties.window())) {
                BatchRow next = start(batch, row);
                batch = batch.with(next);
                changed.add(next);
            }
        } catch (RuntimeException e) {
            // What started is recorded even when a later start failed; those rows restart with their own key.
            batches.update(batch, changed);
            throw e;
        }
        if (batch.ended()) {
            batch = batch.closed(clock.instant());
            log.info("Onboarding batch {} done: {}", batch.id(), batch.counts());
        }
        batches.update(batch, changed);
        if (batch.open()) {
            held.put(batch.id(), batch);
        }
        return changed.size();
    }

    /** Starts one row as its own trace; a refusal is the row's answer, anything else is left for the next round. */
    private BatchRow start(Batch batch, BatchRow row) {
        IdempotencyKey key = new IdempotencyKey("batch/" + batch.id() + "/" + row.index(), row.requestDigest(),
                row.requestDigest());
        return Observation.createNotStarted("provisio.onboarding.batch.row", observations)
                .contextualName("start batch row")
                .highCardinalityKeyValue("provisio.batch.id", batch.id())
                .highCardinalityKeyValue("provisio.batch.row", Integer.toString(row.index()))
                .observe(() -> {
                    try {
                        OnboardingService.Started s = starter.start(batch.partnerId(), row.request(),
                                tracing.current(), key);
                        started.increment();
                        return row.started(s.onboarding().id(), s.onboarding().status());
                    } catch (Refusal refusal) {
                        rejected.increment();
                        log.info("Batch {} row {} refused: {}", batch.id(), row.index(), refusal.code());
                        return row.rejected(refusal.errors().stream()
                                .map(f -> new BatchRow.Problem(f.field(), f.message())).toList());
                    }
                });
    }
}
