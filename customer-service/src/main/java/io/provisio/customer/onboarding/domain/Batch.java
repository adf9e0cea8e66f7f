package io.provisio.customer.onboarding.domain;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Many onboardings asked in one request ({@code POST /api/v1/onboarding-batches}). Each valid row becomes a saga of
 * its own, independent of the others; a batch never fails as a whole. Rows are started a few at a time (see
 * {@link #toStart(int)}), so that one partner's batch of 500 does not fill the queues in front of other partners'
 * single onboardings.
 *
 * @param open       true while a row is queued or running; the pacer looks only at open batches
 * @param finishedAt when the last row reached its end (COMPLETED, FAILED, INVALID or REJECTED); null while open
 */
public record Batch(String id, String partnerId, Instant createdAt, boolean open, Instant finishedAt,
                    List<BatchRow> rows) {

    public Batch {
        rows = List.copyOf(rows);
    }

    /** {@code RUNNING} until the pacer has recorded the end of every row, then {@code DONE}. */
    public enum Status {
        RUNNING, DONE
    }

    public static Batch create(String id, String partnerId, Instant now, List<BatchRow> rows) {
        Batch batch = new Batch(id, partnerId, now, true, null, rows);
        return batch.ended() ? batch.closed(now) : batch;
    }

    public Status status() {
        return open ? Status.RUNNING : Status.DONE;
    }

    /** Whether every row has reached its end (COMPLETED, FAILED, INVALID or REJECTED). */
    public boolean ended() {
        return rows.stream().allMatch(r -> r.status().isFinal());
    }

    /** Done at {@code at}: the pacer looks at it no more. */
    public Batch closed(Instant at) {
        return new Batch(id, partnerId, createdAt, false, at, rows);
    }

    /** How many rows are in each status, every status named (zero included), in the enum's order. */
    public Map<BatchRow.Status, Integer> counts() {
        Map<BatchRow.Status, Integer> counts = new EnumMap<>(BatchRow.Status.class);
        for (BatchRow.Status status : BatchRow.Status.values()) {
            counts.put(status, 0);
        }
        rows.forEach(r -> counts.merge(r.status(), 1, Integer::sum));
        return counts;
    }

    /** The queued rows to start now, in order, so that at most {@code window} of the batch's sagas run at once. */
    public List<BatchRow> toStart(int window) {
        long running = rows.stream().filter(BatchRow::inFlight).count();
        return rows.stream().filter(r -> r.status() == BatchRow.Status.QUEUED)
                .limit(Math.max(0, window - running)).toList();
    }

    /** The batch with {@code row} in place of the row of the same index. */
    public Batch with(BatchRow row) {
        List<BatchRow> changed = rows.stream().map(r -> r.index() == row.index() ? row : r).toList();
        return new Batch(id, partnerId, createdAt, open, finishedAt, changed);
    }
}
