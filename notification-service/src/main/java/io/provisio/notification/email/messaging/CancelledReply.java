package io.provisio.notification.email.messaging;

import java.util.function.LongSupplier;

/**
 * Serializes exactly as {@code WelcomeEmailCancelled}, but counts when it is written, not when it
 * is built: {@code SagaParticipant.compensate} takes the reply before it runs the undo and writes it
 * after, and the count must include what the undo cancelled. It counts every cancelled e-mail of
 * the saga, so a compensation retried after a crash mid-way reports the same number.
 */
final class CancelledReply {

    private final String customerId;
    private final LongSupplier cancelled;

    CancelledReply(String customerId, LongSupplier cancelled) {
        this.customerId = customerId;
        this.cancelled = cancelled;
    }

    public String getCustomerId() {
        return customerId;
    }

    public int getCancelled() {
        return Math.toIntExact(cancelled.getAsLong());
    }
}
