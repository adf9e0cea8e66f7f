package io.provisio.notification.email.domain;

/**
 * Life cycle of one e-mail: SCHEDULED → SENDING (claimed under a lease) → SENT, or back to
 * SCHEDULED for a retry, or FAILED after the last attempt; SCHEDULED → CANCELLED by compensation.
 */
public enum NotificationStatus {

    SCHEDULED, SENDING, SENT, FAILED, CANCELLED;

    /** The status clients see (API.md): a claim in progress is an implementation detail, still SCHEDULED. */
    public NotificationStatus publicStatus() {
        return this == SENDING ? SCHEDULED : this;
    }
}
