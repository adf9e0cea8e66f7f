package io.provisio.notification.setup.domain;

/** What one step of the setup cadence does when it falls due. */
public enum SetupStage {
    /** The "Configure now" e-mail with the setup link, to the contact. */
    CONFIGURE_NOW,
    /** The partner is told that setup is not done (e-mail to its notification address, {@code setup.escalated}). */
    ESCALATION,
    /** The contact is reminded, with the same link. */
    REMINDER,
    /** The deadline passed: the last escalation; the timer ends, nothing more is sent. */
    FINAL_ESCALATION;

    public boolean escalates() {
        return this == ESCALATION || this == FINAL_ESCALATION;
    }
}
