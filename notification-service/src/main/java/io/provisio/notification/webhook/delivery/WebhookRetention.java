package io.provisio.notification.webhook.delivery;

import java.time.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.notification.webhook.application.WebhookProperties;
import io.provisio.notification.webhook.persistence.DeliveryStore;
import io.provisio.platform.time.PeriodicWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the delivery log from growing without end: every {@code retention-interval} each replica deletes the
 * finished deliveries older than {@code retention} (ADR 022). A delete is idempotent, so replicas need no lease:
 * two sweeping at once delete each document once between them. Not a TTL index, because the embedded store of the
 * local run never expires one; on MongoDB the sweep's query is served by the {@code by_age} index.
 */
public final class WebhookRetention extends PeriodicWorker {

    private static final Logger log = LoggerFactory.getLogger(WebhookRetention.class);

    private final DeliveryStore store;
    private final WebhookProperties properties;
    private final Clock clock;
    private final Counter expired;

    WebhookRetention(DeliveryStore store, WebhookProperties properties, Clock clock, MeterRegistry meters) {
        super("webhook-retention", properties.retentionInterval(), Integer.MAX_VALUE - 200);
        this.store = store;
        this.properties = properties;
        this.clock = clock;
        this.expired = Counter.builder("provisio.webhook.deliveries.expired")
                .description("Finished webhook deliveries deleted from the log after the retention period")
                .register(meters);
    }

    /** @return how many finished deliveries this sweep deleted */
    public long sweep() {
        long deleted = store.deleteFinishedBefore(clock.instant().minus(properties.retention()));
        expired.increment(deleted);
        if (deleted > 0) {
            log.info("webhook delivery log: {} finished deliveries older than {} deleted", deleted,
                    properties.retention());
        }
        return deleted;
    }

    @Override
    protected void round() {
        sweep();
    }
}
