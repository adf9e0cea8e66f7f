package io.provisio.notification.contracts;

import java.time.Instant;

/**
 * SCHEDULE_WELCOME_EMAIL: schedule the welcome e-mail, and the activation e-mail when identity asked for one.
 *
 * @param sendAt              when to send; {@code null} means now
 * @param language            one of en sv de it nl nb
 * @param partnerName         the partner's display name, for the greeting
 * @param upn                 the administrator's sign-in name
 * @param activationToken     the one-time activation token when {@code activationRequired}, else {@code null}
 * @param activationExpiresAt when that token dies
 * @param administratorUserId identity's id of the administrator, so a later {@code UserDeleted} can cancel
 *                            an activation e-mail still waiting
 */
public record ScheduleWelcomeEmail(
        String customerId,
        String to,
        String recipientName,
        String language,
        Instant sendAt,
        String companyName,
        String accountName,
        boolean activationRequired,
        String partnerName,
        String upn,
        String activationToken,
        Instant activationExpiresAt,
        String administratorUserId) implements NotificationCommand {

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ScheduleWelcomeEmail[customerId=" + customerId + ", language=" + language + ", sendAt=" + sendAt
                + ", activationRequired=" + activationRequired + "]";
    }
}
