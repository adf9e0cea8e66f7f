package io.provisio.identity.user.page;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.provisio.identity.user.application.Activation;
import io.provisio.identity.user.application.ActivationLinks.Link;
import io.provisio.identity.user.application.ActivationLinks.State;
import io.provisio.identity.user.application.ActivationLinks;
import io.provisio.identity.user.application.UserAccounts;
import io.provisio.identity.user.domain.User;
import io.provisio.passwords.PasswordPolicy;
import io.provisio.platform.refusal.Refusal;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The page behind the activation e-mail's link: {@code GET /activate?token=…} shows the organization, the sign-in
 * name and the password rules; the form posts back to {@code /activate} and works without JavaScript. The script
 * ({@code /activate/assets/activate.js}) only asks {@code POST /activate/check} which rules the typed password
 * breaks, judged by the same policy with the same words as the activation, so the feedback cannot disagree with
 * the answer; the activation itself is {@link UserAccounts#activate}, exactly as {@code POST /api/v1/activation}.
 *
 * <p>Every state of a link has its own page and status: the form 200, a refused password 422 (the form again,
 * with every broken rule and a mismatched confirmation at once), done 200, expired 410 (with the request for a new
 * link), used 409, suspended customer 409, unknown 404. Never a problem+json or a 401: a person reads these.
 * The token is never logged, and it travels only in the link and in the form's hidden field.
 */
@Controller
class ActivationPageController {

    private final ActivationLinks links;
    private final UserAccounts accounts;
    private final PageTemplates templates;
    private final ActivationPageProperties properties;

    ActivationPageController(ActivationLinks links, UserAccounts accounts, PageTemplates templates,
                             ActivationPageProperties properties) {
        this.links = links;
        this.accounts = accounts;
        this.templates = templates;
        this.properties = properties;
    }

    @GetMapping("/activate")
    ResponseEntity<String> show(@RequestParam(name = "token", required = false) String token,
                                @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String accept) {
        Link link = links.inspect(token);
        PageLanguage language = PageLanguage.choose(link.language().orElse(null), accept);
        if (link.state() != State.PENDING) {
            return dead(link, language, token);
        }
        return form(link, language, token, HttpStatus.OK, List.of(), false, false);
    }

    @PostMapping(path = "/activate", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> activate(@RequestParam(name = "token", required = false) String token,
                                    @RequestParam(name = "password", required = false) String password,
                                    @RequestParam(name = "confirmation", required = false) String confirmation,
                                    @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String accept) {
        Link link = links.inspect(token);
        PageLanguage language = PageLanguage.choose(link.language().orElse(null), accept);
        if (link.state() != State.PENDING) {
            return dead(link, language, token);
        }
        String typed = password == null ? "" : password;
        List<PasswordPolicy.Rule> failures = links.failures(link, typed);
        boolean mismatch = !typed.equals(confirmation == null ? "" : confirmation);
        if (!failures.isEmpty() || mismatch) {
            return form(link, language, token, HttpStatus.UNPROCESSABLE_CONTENT, failures, true, mismatch);
        }
        User activated;
        try {
            activated = accounts.activate(new Activation(token, typed));
        } catch (Refusal refused) {
            // Something changed between the look and the write (used in another tab, replaced, suspended,
            // expired this second): the page for what the link is now.
            Link now = links.inspect(token);
            if (now.state() == State.PENDING) {
                return form(now, language, token, HttpStatus.UNPROCESSABLE_CONTENT, links.failures(now, typed),
                        true, false);
            }
            return dead(now, language, token);
        }
        Map<String, Object> model = base(link);
        model.put("upn", activated.upn());
        model.put("signInUrl", properties.signInUrl().toString());
        return page("done", language, HttpStatus.OK, model);
    }

    /** For the script only: which rules the password breaks, as {@code {"failed":[…]}}; 404 for a dead link. */
    @PostMapping(path = "/activate/check", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> check(@RequestParam(name = "token", required = false) String token,
                                              @RequestParam(name = "password", required = false) String password) {
        Link link = links.inspect(token);
        if (link.state() != State.PENDING) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("failed", List.of()));
        }
        List<String> failed = links.failures(link, password == null ? "" : password).stream().map(Enum::name)
                .toList();
        return ResponseEntity.ok(Map.of("failed", failed, "acceptable", failed.isEmpty()));
    }

    /** The expired page's button: the partner hears of it (once per link), the person sees that it was passed on. */
    @PostMapping(path = "/activate/new-link", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> requestNewLink(@RequestParam(name = "token", required = false) String token,
                                          @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                          String accept) {
        Link link = links.requestNewLink(token);
        PageLanguage language = PageLanguage.choose(link.language().orElse(null), accept);
        if (link.state() == State.EXPIRED && link.renewalRequested()) {
            return page("requested", language, HttpStatus.OK, base(link));
        }
        return link.state() == State.PENDING ? form(link, language, token, HttpStatus.OK, List.of(), false, false)
                : dead(link, language, token);
    }

    private ResponseEntity<String> form(Link link, PageLanguage language, String token, HttpStatus status,
                                        List<PasswordPolicy.Rule> failures, boolean judged, boolean mismatch) {
        Map<String, Object> model = base(link);
        model.put("token", token);
        model.put("upn", link.user().upn());
        PasswordFields.put(model, failures, judged, mismatch);
        return page("form", language, status, model);
    }

    private ResponseEntity<String> dead(Link link, PageLanguage language, String token) {
        Map<String, Object> model = base(link);
        return switch (link.state()) {
            case EXPIRED -> {
                model.put("token", token);
                model.put("renewalRequested", link.renewalRequested());
                yield page("expired", language, HttpStatus.GONE, model);
            }
            case USED -> {
                model.put("signInUrl", properties.signInUrl().toString());
                yield page("used", language, HttpStatus.CONFLICT, model);
            }
            case SUSPENDED -> page("suspended", language, HttpStatus.CONFLICT, model);
            case UNKNOWN, PENDING -> page("unknown", language, HttpStatus.NOT_FOUND, model);
        };
    }

    private static Map<String, Object> base(Link link) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("organization", link.organization() == null ? null : link.organization().companyName());
        return model;
    }

    private ResponseEntity<String> page(String name, PageLanguage language, HttpStatus status,
                                        Map<String, Object> model) {
        return templates.respond(name, language, status, model);
    }
}
