package io.provisio.notification.email.domain;

import java.util.Locale;

import io.provisio.languages.Languages;

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

    /**
     * The e-mail's language: the one requested, else the customer's (e.g. from its locale {@code sv-SE}),
     * else English.
     */
    public static Language choose(String requested, String customerLocale) {
        return parse(requested).or(() -> parse(customerLocale)).orElse(EN);
    }

    /** A code or a locale tag ({@code nb}, {@code sv-SE}, {@code de_AT}) we have texts for, if any ({@link Languages}). */
    public static java.util.Optional<Language> parse(String codeOrLocale) {
        return Languages.of(codeOrLocale).map(code -> valueOf(code.toUpperCase(Locale.ROOT)));
    }

    /** The ISO 639-1 code as it appears in the API and in template file names. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
