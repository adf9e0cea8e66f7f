package io.provisio.notification.webhook.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Exponential back-off over a fixed window: after attempt n the next is {@code initial * 2^(n-1)} later, at most
 * {@code max}; once the next attempt would fall after {@code retryFrom + window} the delivery gives up. With the
 * defaults (30 s, 4 h, 24 h): 30 s, 1 m, 2 m, ... 2 h 8 m, then every 4 h until a day has passed (14 attempts).
 */
public record RetrySchedule(Duration initial, Duration max, Duration window) {

    /** @return when to try again, or empty to give up */
    public Optional<Instant> next(Instant retryFrom, int attemptsMade, Instant now) {
        Duration wait = initial;
        for (int i = 1; i < attemptsMade && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        if (wait.compareTo(max) > 0) {
            wait = max;
        }
        Instant next = now.plus(wait);
        return next.isAfter(retryFrom.plus(window)) ? Optional.empty() : Optional.of(next);
    }
}
