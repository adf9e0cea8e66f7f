package io.provisio.notification.webhook.domain;

/**
 * HELD (its customer's onboarding may still be rolled back: released by OnboardingCompleted), PENDING (due at
 * {@code nextAttemptAt}), SENDING (claimed under a lease), DELIVERED (a 2xx answer), FAILED (gave up, or its endpoint
 * went), ABANDONED (held for an onboarding that was rolled back: it speaks of something that never existed, so it is
 * never sent, not even on a partner's redeliver).
 */
public enum DeliveryStatus {
    HELD, PENDING, SENDING, DELIVERED, FAILED, ABANDONED
}
