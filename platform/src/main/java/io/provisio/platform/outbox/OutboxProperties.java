package io.provisio.platform.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param batchSize        most writes the publisher hands to the broker before it waits for their confirms, and
 *                         most documents the relay recovers per collection and round
 * @param queueCapacity    writes waiting for the publisher; beyond that the relay publishes them (later)
 * @param confirmTimeout   how long to wait for the broker's publisher confirm
 * @param recoveryInterval how often the relay looks for messages nobody published: a process died between its
 *                         write and the confirm, or the broker refused them. Only crashes and outages need it,
 *                         so it can be long; every round is one indexed query per outbox collection
 * @param recoveryAge      how old a pending message must be before the relay takes it over from the process
 *                         that wrote it; longer than a publish normally takes, or both publish it
 * @param lease            how long the relay owns a document while publishing it; after a crash, the longest delay
 *                         before another replica takes over
 * @param retryDelay       how long a document whose publish failed waits first; it doubles with every further
 *                         failure, up to {@code maxRetryDelay}
 * @param localDeliveryThreads threads of each channel this process consumes itself ({@code LocalChannel}): they
 *                         stand in for that channel's consumers, so the platform's defaults set it to
 *                         {@code PROVISIO_CONSUMERS} as well
 */
@ConfigurationProperties("provisio.outbox")
public record OutboxProperties(
        @DefaultValue("256") int batchSize,
        @DefaultValue("10000") int queueCapacity,
        @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("5s") Duration recoveryInterval,
        @DefaultValue("15s") Duration recoveryAge,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("1s") Duration retryDelay,
        @DefaultValue("1m") Duration maxRetryDelay,
        @DefaultValue("8") int localDeliveryThreads) {

    public OutboxProperties {
        if (localDeliveryThreads < 1) {
            throw new IllegalArgumentException("provisio.outbox.local-delivery-threads must be at least 1");
        }
        // The relay publishes a leased document's messages and waits for their confirms within the lease.
        if (lease.compareTo(confirmTimeout.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("provisio.outbox.lease (" + lease
                    + ") must be at least twice provisio.outbox.confirm-timeout (" + confirmTimeout + ")");
        }
        if (recoveryAge.compareTo(confirmTimeout) <= 0) {
            throw new IllegalArgumentException("provisio.outbox.recovery-age (" + recoveryAge
                    + ") must be longer than provisio.outbox.confirm-timeout (" + confirmTimeout
                    + "), or the relay would publish what is still waiting for its confirm");
        }
    }
}
