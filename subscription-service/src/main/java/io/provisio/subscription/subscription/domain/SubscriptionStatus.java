package io.provisio.subscription.subscription.domain;

/** SCHEDULED until the start date, then ACTIVE (billing runs); CANCELLED when the partner cancels it. */
public enum SubscriptionStatus {
    SCHEDULED, ACTIVE, CANCELLED
}
