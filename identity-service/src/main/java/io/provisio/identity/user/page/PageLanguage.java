package io.provisio.identity.user.page;

import java.util.Locale;

import io.provisio.languages.Languages;

/**
 * Which of the suite's languages a page speaks: the customer's (identity keeps the onboarding's e-mail language on
 * its record of the organization), else the browser's first supported choice, else English. The customer's wins
 * because the activation e-mail spoke it; the browser only decides for links that name no organization. Both are read
 * by the suite's one rule ({@link Languages}).
 */
public enum PageLanguage {
    EN, SV, DE, IT, NL, NB;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    Locale locale() {
        return Locale.forLanguageTag(code());
    }

    public static PageLanguage choose(String customerLanguage, String acceptLanguage) {
        return valueOf(Languages.of(customerLanguage).or(() -> Languages.preferred(acceptLanguage))
                .orElse(Languages.FALLBACK).toUpperCase(Locale.ROOT));
    }
}
