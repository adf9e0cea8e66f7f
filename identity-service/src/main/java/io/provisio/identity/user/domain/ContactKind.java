package io.provisio.identity.user.domain;

import java.util.Arrays;
import java.util.Optional;

/** What a support contact is for; the telephony portal needs an ADMIN and a SITE_ADMIN to exist. */
public enum ContactKind {
    ADMIN, SITE_ADMIN, OTHER;

    public static Optional<ContactKind> parse(String value) {
        return Arrays.stream(values()).filter(kind -> kind.name().equals(value)).findFirst();
    }
}
