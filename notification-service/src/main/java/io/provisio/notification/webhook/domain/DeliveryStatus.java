package io.provisio.notification.webhook.domain;

/**
 * HELD (its customer's onboarding may still be rolled back: released by OnboardingCompleted, abandoned by
 * OnboardingFailed), PENDING (due at {@code nextAttemptAt}), SENDING (claimed under a lease), DELIVERED (a 2xx
 * answer), FAILED (gave up, or abandoned).
 */
public enum DeliveryStatus {
    HELD, PENDING, SENDING, DELIVERED, FAILED
}
