package io.provisio.notification.webhook.domain;

/** PENDING (due at {@code nextAttemptAt}), SENDING (claimed under a lease), DELIVERED (a 2xx answer), FAILED (gave up). */
public enum DeliveryStatus {
    PENDING, SENDING, DELIVERED, FAILED
}
