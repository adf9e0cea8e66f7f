package io.provisio.customer.drafts.scheduling;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.customer.drafts.application.DraftProperties;
import io.provisio.customer.drafts.application.OnboardingDrafts;
import io.provisio.platform.time.PeriodicWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps drafts from piling up: every {@code retention-interval} each replica deletes the drafts nobody saved for
 * {@code retention} (30 days; ADR 027). A delete is idempotent, so replicas need no lease. Not a TTL index, because
 * the embedded store of the local run never expires one; on MongoDB the sweep's query is served by the
 * {@code updated} index.
 */
public final class DraftRetention extends PeriodicWorker {

    private static final Logger log = LoggerFactory.getLogger(DraftRetention.class);

    private final OnboardingDrafts drafts;
    private final DraftProperties properties;
    private final Clock clock;
    private final Counter expired;

    DraftRetention(OnboardingDrafts drafts, DraftProperties properties, Clock clock, MeterRegistry meters) {
        super("draft-retention", properties.retentionInterval(), Integer.MAX_VALUE - 200);
        this.drafts = drafts;
        this.properties = properties;
        this.clock = clock;
        this.expired = Counter.builder("provisio.drafts.expired")
                .description("Onboarding drafts deleted after the retention period without a save")
                .register(meters);
    }

    /** @return how many drafts this sweep deleted */
    public long sweep() {
        long deleted = drafts.deleteSavedBefore(clock.instant().minus(properties.retention()));
        expired.increment(deleted);
        if (deleted > 0) {
            log.info("drafts: {} not saved for {} deleted", deleted, properties.retention());
        }
        return deleted;
    }

    @Override
    protected void round() {
        sweep();
    }
}
