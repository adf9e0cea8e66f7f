package io.provisio.notification.email.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How a failed delivery attempt continues: exponential back-off up to a ceiling, and a bounded
 * number of attempts, so a dead mailbox or a broken relay never makes the dispatcher spin.
 *
 * @param maxAttempts    attempts in total, the first included; at least 1
 * @param initialBackoff wait after the first failure; doubles with each further failure
 * @param maxBackoff     the longest wait between two attempts
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** What follows a failed attempt. */
    public sealed interface Decision {
    }

    /** Try again, not before {@code at}. */
    public record RetryAt(Instant at) implements Decision {
    }

    /** No attempts left. */
    public record GiveUp() implements Decision {
    }

    /**
     * @param attemptsSoFar attempts finished including the one that just failed
     * @param permanent     the failure cannot go away by waiting (e.g. an unparseable address)
     */
    public Decision afterFailure(int attemptsSoFar, boolean permanent, Instant now) {
        if (permanent || attemptsSoFar >= maxAttempts) {
            return new GiveUp();
        }
        Duration wait = initialBackoff;
        for (int i = 1; i < attemptsSoFar && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return new RetryAt(now.plus(wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait));
    }
}
