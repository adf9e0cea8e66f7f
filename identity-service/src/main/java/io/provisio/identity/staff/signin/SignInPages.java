package io.provisio.identity.staff.signin;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** Renders a sign-in page in the language the browser prefers among the console's, else English. */
final class SignInPages {

    /** The console's languages (issue 14); the first is the fallback. */
    static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.of("sv"), Locale.GERMAN, Locale.ITALIAN,
            Locale.of("nl"), Locale.of("nb"));

    private final TemplateEngine engine;

    SignInPages(TemplateEngine engine) {
        this.engine = engine;
    }

    String render(String page, String acceptLanguage, Map<String, Object> model) {
        Locale language = language(acceptLanguage);
        Context context = new Context(language, model);
        context.setVariable("lang", language.getLanguage());
        context.setVariable("page", page);
        return engine.process(page, context);
    }

    /** Norwegian as "no" is taken for Bokmål; anything unreadable is English. */
    static Locale language(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return LANGUAGES.getFirst();
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage.replaceAll(
                    "(?i)\\bno\\b", "nb"));
            Locale match = Locale.lookup(ranges, LANGUAGES);
            return match == null ? LANGUAGES.getFirst() : match;
        } catch (IllegalArgumentException malformed) {
            return LANGUAGES.getFirst();
        }
    }
}
