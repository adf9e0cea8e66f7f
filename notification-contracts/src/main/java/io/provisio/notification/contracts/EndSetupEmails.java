package io.provisio.notification.contracts;

import java.time.Instant;

/**
 * Identity's word, outside any saga, that the customer's setup was completed on the setup page (ADR 023): the setup's
 * timer stops (no more reminders or escalations) and {@code setup.completed} is announced to the partner's webhooks.
 * No reply; idempotent by the envelope's message id.
 */
public record EndSetupEmails(String customerId, Instant completedAt, String subdomain)
        implements NotificationCommand {
}
