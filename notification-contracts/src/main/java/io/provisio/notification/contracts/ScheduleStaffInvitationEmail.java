package io.provisio.notification.contracts;

import java.time.Instant;

/**
 * Identity's request, outside any saga, to send a partner's new staff member their console invitation now (ADR
 * 029): a link to set a password, valid until {@code expiresAt}. No reply; idempotent by the envelope's message id.
 * The partner is the envelope's.
 *
 * @param staffId         the staff member the link is for
 * @param role            {@code PARTNER_ADMIN} or {@code PARTNER_AGENT}, for the e-mail's words
 * @param invitationToken the one-time token of the link; never logged
 */
public record ScheduleStaffInvitationEmail(
        String staffId,
        String to,
        String recipientName,
        String language,
        String partnerName,
        String role,
        String invitationToken,
        Instant expiresAt) implements NotificationCommand {

    /** Never prints the token or the address. */
    @Override
    public String toString() {
        return "ScheduleStaffInvitationEmail[staffId=" + staffId + "]";
    }
}
