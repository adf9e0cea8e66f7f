package io.provisio.languages;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the suite speaks to people (e-mails, the activation and setup pages, sign-in, the console, the
 * gateway's outage page), and the one rule for reading a locale or a browser's preferences as one of them:
 * the primary language subtag decides ({@code sv-SE}, {@code de_AT} and {@code SV} are Swedish and German), and
 * Norwegian without a written standard ({@code no}) or in Nynorsk ({@code nn}) reads as Bokmål ({@code nb}), the
 * written standard our texts use. Anything else is not ours, and callers fall back to {@link #FALLBACK}.
 */
public final class Languages {

    /** ISO 639-1 codes, in the order the suite lists them. */
    public static final List<String> SUPPORTED = List.of("en", "sv", "de", "it", "nl", "nb");

    /** What a person whose language we do not speak gets. */
    public static final String FALLBACK = "en";

    private Languages() {
    }

    /** The supported language a code or locale tag names ({@code nb}, {@code sv-SE}, {@code de_AT}), if any. */
    public static Optional<String> of(String codeOrLocale) {
        if (codeOrLocale == null || codeOrLocale.isBlank()) {
            return Optional.empty();
        }
        String code = codeOrLocale.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
        if (code.equals("no") || code.equals("nn")) {
            code = "nb";
        }
        return SUPPORTED.contains(code) ? Optional.of(code) : Optional.empty();
    }

    /** The language for a customer's locale: its own if we speak it, else {@link #FALLBACK}. */
    public static String forLocale(String locale) {
        return of(locale).orElse(FALLBACK);
    }

    /**
     * The browser's most preferred language we speak, from an {@code Accept-Language} header (weights honoured,
     * {@code q=0} meaning "not this one"), if any. A malformed header is no preference at all.
     */
    public static Optional<String> preferred(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Optional.empty();
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                Optional<String> language = range.getWeight() > 0 && !range.getRange().equals("*")
                        ? of(range.getRange()) : Optional.empty();
                if (language.isPresent()) {
                    return language;
                }
            }
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** {@link #preferred}, else {@link #FALLBACK}. */
    public static String forBrowser(String acceptLanguage) {
        return preferred(acceptLanguage).orElse(FALLBACK);
    }
}
