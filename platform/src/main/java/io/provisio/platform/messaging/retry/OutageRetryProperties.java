package io.provisio.platform.messaging.retry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a consumer waits out an unreachable MongoDB or broker ({@code provisio.messaging.outage-retry.*}).
 * There is no attempt limit: the delivery is tried again until the dependency answers or the service stops.
 *
 * @param initialInterval the first pause after an outage error
 * @param multiplier      each further pause is this much longer...
 * @param maxInterval     ...up to this. Longer spares a recovering MongoDB the calls of every consumer of
 *                        every replica; shorter resumes sooner once it is back. An attempt during a MongoDB
 *                        outage itself takes up to the driver's server selection time-out (30 s by default).
 */
@ConfigurationProperties("provisio.messaging.outage-retry")
public record OutageRetryProperties(
        @DefaultValue("1s") Duration initialInterval,
        @DefaultValue("2.0") double multiplier,
        @DefaultValue("30s") Duration maxInterval) {

    public OutageRetryProperties {
        if (initialInterval.isNegative() || initialInterval.isZero() || maxInterval.compareTo(initialInterval) < 0
                || multiplier < 1) {
            throw new IllegalArgumentException("outage retry needs 0 < initial-interval <= max-interval and multiplier >= 1");
        }
    }
}
