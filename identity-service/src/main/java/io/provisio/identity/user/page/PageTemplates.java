package io.provisio.identity.user.page;

import java.util.Map;

import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** Renders one page in one language. */
final class PageTemplates {

    private final TemplateEngine engine;

    PageTemplates(TemplateEngine engine) {
        this.engine = engine;
    }

    String render(String page, PageLanguage language, Map<String, Object> model) {
        Context context = new Context(language.locale(), model);
        context.setVariable("lang", language.code());
        return engine.process(page, context);
    }
}
