package io.provisio.notification.email.domain;

import java.util.Locale;

/** The kinds of e-mail the service sends; API.md names them. */
public enum Template {

    /** The administrator's first e-mail after an onboarding. */
    WELCOME,
    /** A one-time link to set a password; carries a secret, so it is never re-sent from here. */
    ACTIVATION,
    /** A subscription reached its start date and is billing. */
    SUBSCRIPTION_STARTED,
    /**
     * To the partner, not the customer: an administrator whose activation link expired asked for a new one on the
     * activation page. English only (the partner's language is not known); carries no secret.
     */
    ACTIVATION_REQUESTED,
    /** Delegated setup (ADR 023): the setup link, on the start date. Carries a secret, never re-sent from here. */
    SETUP_CONFIGURE_NOW,
    /** Delegated setup: a reminder with the same link. Carries a secret, never re-sent from here. */
    SETUP_REMINDER,
    /** To the partner: a customer's setup is not done a day after its start, or at its deadline. No secret. */
    SETUP_ESCALATED,
    /**
     * To a partner's new staff member (ADR 029): the console invitation, a one-time link to set a password. Carries a
     * secret, never re-sent from here; no customer.
     */
    STAFF_INVITATION;

    /** Sent to the partner rather than to the customer's people: English only, as the partner's language is unknown. */
    public boolean toPartner() {
        return this == ACTIVATION_REQUESTED || this == SETUP_ESCALATED;
    }

    /** Links to identity's pages with a one-time token: unsendable once the token is gone, never re-sent by copy. */
    public boolean carriesToken() {
        return this == ACTIVATION || this == SETUP_CONFIGURE_NOW || this == SETUP_REMINDER
                || this == STAFF_INVITATION;
    }

    /**
     * Base name of the template files, e.g. {@code subscription_started} for {@code subscription_started_sv.html}. A
     * reminder is "Configure now" again with another subject and opening line ({@code reminder} in its model).
     */
    public String fileBaseName() {
        return (this == SETUP_REMINDER ? SETUP_CONFIGURE_NOW : this).name().toLowerCase(Locale.ROOT);
    }
}
