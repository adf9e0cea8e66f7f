package io.provisio.customer.onboarding.application;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.provisio.customer.onboarding.domain.Batch;
import io.provisio.customer.onboarding.domain.BatchRow;

/**
 * Where onboarding batches live: the batch itself (its rows, up to 500 requests) and, while it is open, a small
 * entry in the pacer's queue that says whose it is and who leases it. The pacer reads only the queue each round,
 * never the batches.
 */
public interface BatchRepository {

    /**
     * Stores a new batch and queues it when it has rows to start. The queue entry is written first: a batch is
     * never stored without one, and an entry whose batch was never stored (the request failed in between) is
     * taken off the queue by the pacer.
     *
     * @param idempotencyKey the partner's key with the digest of the body, or {@code null}
     * @throws BatchKeyTakenException when a batch of the partner holds the key already (look it up)
     */
    void insert(Batch batch, IdempotencyKey idempotencyKey);

    /** The batch a partner submitted with this Idempotency-Key, with the digest of its body. */
    Optional<KeyedBatch> findByIdempotencyKey(String partnerId, String key);

    /** A batch and the body digest its Idempotency-Key was stored with. */
    record KeyedBatch(Batch batch, String requestDigest) {
    }

    /** The partner's batch, or empty (another partner's is none either). */
    Optional<Batch> find(String partnerId, String id);

    /** The open batches' queue entries, the oldest first. */
    List<Queued> queued(int limit);

    /** An open batch as the queue knows it. */
    record Queued(String batchId, String partnerId, Instant createdAt) {
    }

    /** What {@link #lease} found. */
    enum Lease {
        /** {@code owner} held it already, without a break: what it remembers of the batch is current. */
        KEPT,
        /** {@code owner} holds it from now on; anything it remembers of the batch may be stale. */
        TAKEN,
        /** Another owner holds it, or it is no longer queued. */
        REFUSED
    }

    /** Leases the queued batch to {@code owner} until {@code until}, unless another owner's lease runs still. */
    Lease lease(String batchId, String owner, Instant now, Instant until);

    /** The batch, whoever's it is (the pacer's read). */
    Optional<Batch> find(String id);

    /**
     * Stores the rows that changed, by their index, and, in the same write, the batch's end when it is closed;
     * a closed batch is then taken off the queue.
     */
    void update(Batch batch, List<BatchRow> changed);

    /** Takes off the queue an entry whose batch was never stored. */
    void dequeue(String batchId);
}
