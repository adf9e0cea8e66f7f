package io.provisio.platform.outbox;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** What both ways of publishing an outbox (at once, and in recovery) count. */
public final class OutboxMetrics {

    private final Clock clock;
    private final Counter published;
    private final Counter failures;
    private final Counter handedToRecovery;
    private final Counter deliveredLocally;
    private final Timer lag;
    private final PublishingHealth health;

    public OutboxMetrics(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.published = Counter.builder("provisio.outbox.published")
                .description("Messages published from an outbox and confirmed by the broker").register(meters);
        this.failures = Counter.builder("provisio.outbox.publish.failures")
                .description("Publish attempts the broker nacked, returned, did not confirm in time or refused")
                .register(meters);
        this.handedToRecovery = Counter.builder("provisio.outbox.deferred")
                .description("Written messages not published at once (queue full, stopping, broker failing); "
                        + "the recovery relay publishes them")
                .register(meters);
        this.deliveredLocally = Counter.builder("provisio.outbox.delivered.locally")
                .description("Messages to this process's own channels handled here instead of through the broker")
                .register(meters);
        this.lag = Timer.builder("provisio.outbox.lag")
                .description("Time from the state change to the broker's confirm of its message")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(meters);
        this.health = new PublishingHealth(clock, meters);
    }

    void confirmed(OutboxEntry entry) {
        published.increment();
        recordLag(entry);
        health.succeeded();
    }

    void handledLocally(OutboxEntry entry) {
        deliveredLocally.increment();
        recordLag(entry);
    }

    private void recordLag(OutboxEntry entry) {
        if (entry.createdAt() != null) {
            lag.record(Duration.between(entry.createdAt(), clock.instant()));
        }
    }

    void failed(Throwable why) {
        failures.increment();
        if (why instanceof PublishFailedException refused && !refused.brokerUnreachable()) {
            // This message's problem (unroutable, nacked), not the broker's: the others go on.
            return;
        }
        health.failed(why instanceof PublishFailedException ? why.getMessage() : String.valueOf(why));
    }

    void deferred(int messages) {
        handedToRecovery.increment(messages);
    }

    boolean publishingFails() {
        return health.failing();
    }
}
