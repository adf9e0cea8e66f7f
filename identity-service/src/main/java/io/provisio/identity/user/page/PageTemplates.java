package io.provisio.identity.user.page;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/** Renders one page in one language, and answers with it. */
public final class PageTemplates {

    private final TemplateEngine engine;

    PageTemplates(TemplateEngine engine) {
        this.engine = engine;
    }

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    /** The page as an answer: HTML in {@code language}, with {@code status}; the model learns the page's name. */
    public ResponseEntity<String> respond(String page, PageLanguage language, HttpStatus status, Map<String, Object> model) {
        model.put("state", page);
        return ResponseEntity.status(status).contentType(HTML)
                .header(HttpHeaders.CONTENT_LANGUAGE, language.code())
                .body(render(page, language, model));
    }

    String render(String page, PageLanguage language, Map<String, Object> model) {
        Context context = new Context(language.locale(), model);
        context.setVariable("lang", language.code());
        return engine.process(page, context);
    }
}
