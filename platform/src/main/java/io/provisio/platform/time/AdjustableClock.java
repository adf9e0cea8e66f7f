package io.provisio.platform.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The UTC system clock plus an offset that only moves forward: the "injected clock" that lets
 * acceptance tests reach a start date or an expiry without waiting. Only installed when
 * {@code provisio.test-clock.enabled=true}; production runs on {@link Clock#systemUTC()}.
 */
public final class AdjustableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public AdjustableClock(Clock base) {
        this.base = base;
    }

    /** Moves this clock forward; time never goes back, so deadlines and leases stay consistent. */
    public Instant advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the test clock only moves forward");
        }
        offset.accumulateAndGet(by, Duration::plus);
        return instant();
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the suite's clock is UTC");
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }
}
