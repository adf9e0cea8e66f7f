package io.provisio.identity.staff.signin;

import java.util.Locale;
import java.util.Map;

import io.provisio.languages.Languages;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** Renders a sign-in page in the language the browser prefers among the console's, else English. */
final class SignInPages {

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

    /** The browser's most preferred of the suite's languages ({@link Languages}), else English. */
    static Locale language(String acceptLanguage) {
        return Locale.of(Languages.forBrowser(acceptLanguage));
    }
}
