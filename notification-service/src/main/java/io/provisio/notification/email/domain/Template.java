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
    ACTIVATION_REQUESTED;

    /** Sent to the partner rather than to the customer's people: English only, as the partner's language is unknown. */
    public boolean toPartner() {
        return this == ACTIVATION_REQUESTED;
    }

    /** Base name of the template files, e.g. {@code subscription_started} for {@code subscription_started_sv.html}. */
    public String fileBaseName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
