package io.provisio.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.ToLongFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a collection from growing without end: every {@code interval} each replica deletes what is older than
 * {@code retention}, and counts it. A delete is idempotent, so replicas need no lease: two sweeping at once delete
 * each document once between them. Not a TTL index, because the embedded store of the local run never expires one;
 * on MongoDB the delete's query must be served by an index the store declares.
 */
public class RetentionSweep extends PeriodicWorker {

    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

    private final String what;
    private final Duration retention;
    private final Clock clock;
    private final ToLongFunction<Instant> deleteOlderThan;
    private final Counter expired;

    /**
     * @param what            what is deleted, in the log's words ("finished webhook deliveries")
     * @param deleteOlderThan deletes what is older than the cutoff it is given; answers how many went
     * @param metric          the counter of deleted documents, e.g. {@code provisio.drafts.expired}
     */
    protected RetentionSweep(String name, Duration interval, Duration retention, Clock clock, String what,
                             ToLongFunction<Instant> deleteOlderThan, MeterRegistry meters, String metric,
                             String description) {
        super(name, interval, Integer.MAX_VALUE - 200);
        this.what = what;
        this.retention = retention;
        this.clock = clock;
        this.deleteOlderThan = deleteOlderThan;
        this.expired = Counter.builder(metric).description(description).register(meters);
    }

    /** @return how many documents this sweep deleted */
    public long sweep() {
        long deleted = deleteOlderThan.applyAsLong(clock.instant().minus(retention));
        expired.increment(deleted);
        if (deleted > 0) {
            log.info("{}: {} older than {} deleted", what, deleted, retention);
        }
        return deleted;
    }

    @Override
    protected void round() {
        sweep();
    }
}
