package io.provisio.platform.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval   how often a replica looks for messages another replica or a crash left behind
 * @param lease          how long a replica owns a document's outbox while publishing it; after a crash,
 *                       that is the longest delay before another replica re-publishes
 * @param batchSize      documents leased per collection and round
 * @param confirmTimeout how long to wait for the broker's publisher confirm
 * @param retryDelay     how long a document whose publish failed (nack, return, no confirm) waits
 */
@ConfigurationProperties("provisio.outbox")
public record OutboxProperties(
        @DefaultValue("500ms") Duration pollInterval,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("50") int batchSize,
        @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("1s") Duration retryDelay) {

    public OutboxProperties {
        // The lease is renewed before every message; it must outlast one confirm wait with room to spare.
        if (lease.compareTo(confirmTimeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("provisio.outbox.lease (" + lease
                    + ") must be at least twice provisio.outbox.confirm-timeout (" + confirmTimeout + ")");
        }
    }
}
