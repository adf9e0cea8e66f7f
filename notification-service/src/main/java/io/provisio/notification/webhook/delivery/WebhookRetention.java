package io.provisio.notification.webhook.delivery;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.notification.webhook.application.WebhookProperties;
import io.provisio.notification.webhook.persistence.DeliveryStore;
import io.provisio.platform.time.RetentionSweep;

/**
 * Keeps the delivery log from growing without end: every {@code retention-interval} each replica deletes the
 * finished deliveries older than {@code retention} (ADR 022); on MongoDB the sweep's query is served by the
 * {@code by_age} index.
 */
public final class WebhookRetention extends RetentionSweep {

    WebhookRetention(DeliveryStore store, WebhookProperties properties, Clock clock, MeterRegistry meters) {
        super("webhook-retention", properties.retentionInterval(), properties.retention(), clock,
                "webhook delivery log: finished deliveries", store::deleteFinishedBefore, meters,
                "provisio.webhook.deliveries.expired",
                "Finished webhook deliveries deleted from the log after the retention period");
    }
}
