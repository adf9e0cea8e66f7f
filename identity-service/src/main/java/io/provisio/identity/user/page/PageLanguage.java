package io.provisio.identity.user.page;

import java.util.List;
import java.util.Locale;

/**
 * Which of the suite's languages a page speaks: the customer's (identity keeps the onboarding's e-mail language on
 * its record of the organization), else the browser's first supported choice, else English. The customer's wins
 * because the activation e-mail spoke it; the browser only decides for links that name no organization.
 */
enum PageLanguage {
    EN, SV, DE, IT, NL, NB;

    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    Locale locale() {
        return Locale.forLanguageTag(code());
    }

    static PageLanguage choose(String customerLanguage, String acceptLanguage) {
        PageLanguage customer = of(customerLanguage);
        if (customer != null) {
            return customer;
        }
        if (acceptLanguage != null && !acceptLanguage.isBlank()) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                    PageLanguage browser = of(range.getRange());
                    if (browser != null && range.getWeight() > 0) {
                        return browser;
                    }
                }
            } catch (IllegalArgumentException e) {
                // A malformed header is no choice at all.
            }
        }
        return EN;
    }

    /** {@code sv}, {@code sv-SE}, {@code nb-NO}; Norwegian without a written standard ({@code no}, {@code nn}) reads as nb. */
    private static PageLanguage of(String tag) {
        if (tag == null || tag.isBlank() || tag.equals("*")) {
            return null;
        }
        String language = tag.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
        if (List.of("no", "nn").contains(language)) {
            return NB;
        }
        for (PageLanguage candidate : values()) {
            if (candidate.code().equals(language)) {
                return candidate;
            }
        }
        return null;
    }
}
