package io.provisio.notification.email.domain;

/**
 * Life cycle of one e-mail: SCHEDULED → SENDING (claimed under a lease) → SENT, or back to
 * SCHEDULED for a retry, or FAILED; SCHEDULED → CANCELLED by compensation, by a partner, by a
 * newer activation link or by the deletion of the user an activation link is for.
 * <ul>
 *   <li>HELD: an onboarding's welcome or activation e-mail, kept until the onboarding completes
 *       ({@code OnboardingCompleted}), then SCHEDULED at its {@code sendAt} or at once if that has passed:
 *       nothing reaches a customer whose onboarding may still be rolled back. Compensation cancels it.
 *       Also any unsent e-mail of a suspended customer ({@code heldFor: SUSPENSION}), until the resume
 *       schedules it again or, for an activation link that expired meanwhile, cancels it.</li>
 *   <li>WAITING_FOR_RECIPIENT: an e-mail to a customer whose administrator this service does not know yet
 *       (a subscription event that overtook the welcome step); the welcome step fills in the recipient and
 *       makes it SCHEDULED.</li>
 * </ul>
 */
public enum NotificationStatus {

    SCHEDULED, SENDING, SENT, FAILED, CANCELLED, WAITING_FOR_RECIPIENT, HELD;

    /** The status clients see (API.md): claims, waiting and holding are implementation details, still SCHEDULED. */
    public NotificationStatus publicStatus() {
        return this == SENDING || this == WAITING_FOR_RECIPIENT || this == HELD ? SCHEDULED : this;
    }

    /** Whether the e-mail may still leave, so a token must be kept for it. */
    public boolean unsent() {
        return this == SCHEDULED || this == SENDING || this == WAITING_FOR_RECIPIENT || this == HELD;
    }
}
