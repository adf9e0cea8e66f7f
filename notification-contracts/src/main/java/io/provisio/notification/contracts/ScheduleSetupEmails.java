package io.provisio.notification.contracts;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Identity's request, after an onboarding with delegated setup completed, to run the setup's e-mails (ADR 023):
 * "Configure now" to {@code contactEmail} on {@code startDate}, reminders, and escalations to the partner's
 * {@code partnerEmail} until setup completes or its deadline passes. No reply; idempotent by the customer id (one
 * setup per customer). The token travels only in this message and lives in notification's timer until it ends.
 *
 * @param by           {@code PARTNER}, {@code DELEGATE} or {@code CUSTOMER}
 * @param contactEmail who is asked to configure; for PARTNER without one, the partner's address
 * @param startDate    the day (UTC) of the "Configure now" e-mail
 * @param setupToken   the setup link's one-time secret
 * @param expiresAt    when the link stops working
 */
public record ScheduleSetupEmails(
        String customerId,
        String by,
        String contactEmail,
        LocalDate startDate,
        String language,
        String companyName,
        String accountName,
        String partnerName,
        String partnerEmail,
        String setupToken,
        Instant expiresAt) implements NotificationCommand {

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ScheduleSetupEmails[customerId=" + customerId + ", by=" + by + ", startDate=" + startDate + "]";
    }
}
