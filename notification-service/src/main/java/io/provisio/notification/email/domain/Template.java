package io.provisio.notification.email.domain;

/** The kinds of e-mail the service sends; API.md names them. Only WELCOME exists so far. */
public enum Template {

    WELCOME;

    /** Base name of the template files, e.g. {@code welcome} for {@code welcome_sv.html}. */
    public String fileBaseName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
