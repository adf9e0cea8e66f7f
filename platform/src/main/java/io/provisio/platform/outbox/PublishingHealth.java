package io.provisio.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether publishing to the broker works. An outage is logged twice, when it starts and when it
 * ends, not once per message and retry; in between it is the gauge {@code provisio_outbox_publishing_failing}
 * (1 while failing) and {@code provisio_outbox_publish_failures_total}.
 */
final class PublishingHealth {

    private static final Logger log = LoggerFactory.getLogger(PublishingHealth.class);

    private final Clock clock;
    private final AtomicReference<Instant> failingSince = new AtomicReference<>();
    private final AtomicLong failuresInOutage = new AtomicLong();

    PublishingHealth(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        Gauge.builder("provisio.outbox.publishing.failing", this, h -> h.failing() ? 1 : 0)
                .description("1 while publishing to the broker fails; messages wait in their outboxes meanwhile")
                .register(meters);
    }

    boolean failing() {
        return failingSince.get() != null;
    }

    void failed(String why) {
        failuresInOutage.incrementAndGet();
        if (failingSince.compareAndSet(null, clock.instant())) {
            log.warn("Publishing to the broker fails ({}); messages stay in their outboxes and are retried with "
                    + "back-off. The next line about it will say when it works again", why);
        } else {
            log.debug("Publishing still fails: {}", why);
        }
    }

    void succeeded() {
        Instant since = failingSince.getAndSet(null);
        if (since != null) {
            log.info("Publishing to the broker works again after {} ({} failed attempts)",
                    Duration.between(since, clock.instant()), failuresInOutage.getAndSet(0));
        }
    }
}
