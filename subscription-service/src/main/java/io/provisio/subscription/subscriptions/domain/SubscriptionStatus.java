package io.provisio.subscription.subscriptions.domain;

/**
 * SCHEDULED until the start date, then ACTIVE (billing runs); CANCELLED when the partner cancels it.
 * PENDING only while a subscription added through the API waits for its units; never listed.
 */
public enum SubscriptionStatus {
    PENDING, SCHEDULED, ACTIVE, CANCELLED;

    /** Holds units and can hand them to users. */
    public boolean isLive() {
        return this == SCHEDULED || this == ACTIVE;
    }
}
