package io.provisio.notification.email.domain;

import java.util.Locale;

/** The languages API.md allows for e-mails. Anything else falls back to English rather than failing a saga. */
public enum Language {

    EN, SV, DE, IT, NL, NB;

    /** The language for a requested code: case-insensitive, {@code null} or unknown gives {@link #EN}. */
    public static Language of(String code) {
        if (code == null) {
            return EN;
        }
        for (Language language : values()) {
            if (language.code().equals(code.trim().toLowerCase(Locale.ROOT))) {
                return language;
            }
        }
        return EN;
    }

    /** The ISO 639-1 code as it appears in the API and in template file names. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
