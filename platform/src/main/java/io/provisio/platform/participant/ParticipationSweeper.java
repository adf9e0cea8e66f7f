package io.provisio.platform.participant;

import java.time.Clock;
import java.util.Date;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.platform.time.PeriodicWorker;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.size;

/**
 * Keeps {@code saga_participations} from growing for ever (the embedded store has no TTL index, and a TTL
 * index could not wait for the outbox either): deletes the records of finished steps (DONE, COMPENSATED)
 * older than the retention whose replies have left. A step still ACTING or COMPENSATING is never touched.
 * Every replica may sweep; a delete is idempotent.
 */
public final class ParticipationSweeper extends PeriodicWorker {

    private static final Logger log = LoggerFactory.getLogger(ParticipationSweeper.class);

    private final MongoTemplate mongo;
    private final ParticipationProperties properties;
    private final Clock clock;
    private final Counter swept;

    public ParticipationSweeper(MongoTemplate mongo, ParticipationProperties properties, Clock clock,
                                MeterRegistry meters) {
        super("participation-sweeper", properties.sweepInterval(), Integer.MAX_VALUE - 300);
        this.mongo = mongo;
        this.properties = properties;
        this.clock = clock;
        this.swept = Counter.builder("provisio.participant.swept")
                .description("Finished saga-step records deleted after their retention").register(meters);
    }

    @Override
    protected void round() {
        sweep();
    }

    /** @return how many records this call deleted */
    public long sweep() {
        Date cutoff = Date.from(clock.instant().minus(properties.retention()));
        Bson sent = or(exists("outbox", false), size("outbox", 0));
        Bson finished = or(
                and(eq("state", SagaParticipant.State.DONE.name()), lt("finishedAt", cutoff)),
                and(eq("state", SagaParticipant.State.COMPENSATED.name()), lt("compensatedAt", cutoff)));
        long deleted = mongo.getCollection(SagaParticipant.COLLECTION).deleteMany(and(finished, sent))
                .getDeletedCount();
        if (deleted > 0) {
            swept.increment(deleted);
            log.info("Deleted {} saga-step record(s) finished more than {} ago", deleted, properties.retention());
        }
        return deleted;
    }
}
