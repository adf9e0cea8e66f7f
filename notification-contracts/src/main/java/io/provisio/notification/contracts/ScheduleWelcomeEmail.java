package io.provisio.notification.contracts;

import java.time.Instant;

/**
 * SCHEDULE_WELCOME_EMAIL: schedule the welcome e-mail.
 *
 * @param sendAt   when to send; {@code null} means now
 * @param language one of en sv de it nl nb
 */
public record ScheduleWelcomeEmail(
        String customerId,
        String to,
        String recipientName,
        String language,
        Instant sendAt,
        String companyName,
        String accountName,
        boolean activationRequired) {
}
