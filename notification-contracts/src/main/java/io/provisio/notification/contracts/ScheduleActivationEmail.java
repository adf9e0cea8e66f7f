package io.provisio.notification.contracts;

import java.time.Instant;

/**
 * Identity's request, outside any saga, to send a (new) activation link now: a resend or a user added
 * later without password. No reply; idempotent by the envelope's message id.
 */
public record ScheduleActivationEmail(
        String customerId,
        String userId,
        String to,
        String recipientName,
        String language,
        String partnerName,
        String companyName,
        String upn,
        String activationToken,
        Instant expiresAt) implements NotificationCommand {

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ScheduleActivationEmail[customerId=" + customerId + ", userId=" + userId + "]";
    }
}
