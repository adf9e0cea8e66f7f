package io.provisio.notification.email.domain;

import java.util.Locale;

/** The kinds of e-mail the service sends; API.md names them. */
public enum Template {

    /** The administrator's first e-mail after an onboarding. */
    WELCOME,
    /** A one-time link to set a password; carries a secret, so it is never re-sent from here. */
    ACTIVATION,
    /** A subscription reached its start date and is billing. */
    SUBSCRIPTION_STARTED;

    /** Base name of the template files, e.g. {@code subscription_started} for {@code subscription_started_sv.html}. */
    public String fileBaseName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
