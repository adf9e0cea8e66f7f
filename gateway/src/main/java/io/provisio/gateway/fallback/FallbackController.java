package io.provisio.gateway.fallback;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

import io.provisio.gateway.problem.ProblemResponses;
import io.provisio.languages.Languages;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * Target of the routes' {@code CircuitBreaker} filters ({@code fallbackUri: forward:/fallback/<service>}): the
 * backend is down, too slow, or its circuit is open. The answer names no service, host or exception, so a
 * caller learns nothing about the inside. Only forwards reach it: the edge security denies the path to clients.
 * API routes get a problem+json; routes that serve pages to people (the activation page) forward to
 * {@code /fallback/page/<service>} and get an HTML page in the browser's language instead of JSON.
 */
@RestController
class FallbackController {

    private static final String RETRY_AFTER_SECONDS = "60";

    @RequestMapping("/fallback/{service}")
    ResponseEntity<Map<String, Object>> unavailable(@PathVariable String service) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(ProblemResponses.body(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                        "Service unavailable", "The service is temporarily unavailable; please retry later"));
    }

    @RequestMapping("/fallback/page/{service}")
    ResponseEntity<byte[]> unavailablePage(@PathVariable String service,
                                           @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                           String acceptLanguage) {
        Locale language = language(acceptLanguage);
        ResourceBundle text = ResourceBundle.getBundle("fallback/unavailable", language,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String title = HtmlUtils.htmlEscape(text.getString("title"), "UTF-8");
        String html = "<!DOCTYPE html>\n<html lang=\"" + language.getLanguage() + "\"><head>"
                + "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + title + "</title></head>\n<body><main><h1>" + title + "</h1><p>"
                + HtmlUtils.htmlEscape(text.getString("message"), "UTF-8") + "</p></main></body></html>\n";
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(html.getBytes(StandardCharsets.UTF_8));
    }

    /** The browser's most preferred of the suite's languages ({@link Languages}: {@code no}, {@code nn} read as nb). */
    private static Locale language(String acceptLanguage) {
        return Locale.of(Languages.forBrowser(acceptLanguage));
    }
}
