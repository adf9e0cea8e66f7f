package io.provisio.platform.outbox;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** What both ways of publishing an outbox (at once, and in recovery) count. */
public final class OutboxMetrics {

    private final Clock clock;
    private final Counter publishedAtOnce;
    private final Counter publishedInRecovery;
    private final Counter failures;
    private final Counter handedToRecovery;
    private final Counter deliveredLocally;
    private final Counter relayFailures;
    private final Timer lag;
    private final PublishingHealth health;

    public OutboxMetrics(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        // path: "publisher" right after the write, "relay" in recovery (after recovery-age): a service whose
        // messages go by the relay pays its recovery age in lag on each of them.
        this.publishedAtOnce = published(meters, "publisher");
        this.publishedInRecovery = published(meters, "relay");
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
        this.relayFailures = Counter.builder("provisio.outbox.relay.failures")
                .description("Rounds of the recovery relay that failed (its store query or its publishing)")
                .register(meters);
        this.lag = Timer.builder("provisio.outbox.lag")
                .description("Time from the state change to the broker's confirm of its message")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(meters);
        this.health = new PublishingHealth(clock, meters);
    }

    private static Counter published(MeterRegistry meters, String path) {
        return Counter.builder("provisio.outbox.published")
                .description("Messages published from an outbox and confirmed by the broker")
                .tag("path", path).register(meters);
    }

    /** Confirmed by the broker; {@code inRecovery} when the relay published it, not the publisher at once. */
    void confirmed(OutboxEntry entry, boolean inRecovery) {
        (inRecovery ? publishedInRecovery : publishedAtOnce).increment();
        recordLag(entry);
        health.succeeded();
    }

    void relayFailed() {
        relayFailures.increment();
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
