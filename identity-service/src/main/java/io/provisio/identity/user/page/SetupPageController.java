package io.provisio.identity.user.page;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.provisio.identity.user.application.SetupCompletion.Outcome;
import io.provisio.identity.user.application.SetupCompletion.State;
import io.provisio.identity.user.application.SetupCompletion.SubdomainCheck;
import io.provisio.identity.user.application.SetupCompletion.SubdomainProblem;
import io.provisio.identity.user.application.SetupCompletion.Submission;
import io.provisio.identity.user.application.SetupCompletion.View;
import io.provisio.identity.user.application.SetupCompletion;
import io.provisio.passwords.PasswordPolicy;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The "Configure now" page (ADR 023): {@code GET /setup?token=…} shows the organization's details, its sub-domain
 * and its services to confirm, and, while the onboarding's administrator has no password, the password form with the
 * activation page's rules and live check ({@code POST /setup/check}, the same script). The person may keep the
 * sub-domain or choose another name, with a live check of its own ({@code POST /setup/subdomain-check},
 * {@code setup.js}; ADR 026). The form posts back to {@code /setup} and works without JavaScript: the submit claims a
 * new name before anything is written; taken 422, no answer from customer-service 503, each the form again with the
 * problem at the sub-domain. Like the activation page: the form 200, anything missing 422 (the
 * form again, with every missing piece at once), done 200, expired 410, already done 409, suspended 409, unknown 404;
 * never a problem+json, and the token is never logged.
 */
@Controller
class SetupPageController {

    private final SetupCompletion setups;
    private final PageTemplates templates;
    private final ActivationPageProperties properties;

    SetupPageController(SetupCompletion setups, PageTemplates templates, ActivationPageProperties properties) {
        this.setups = setups;
        this.templates = templates;
        this.properties = properties;
    }

    @GetMapping("/setup")
    ResponseEntity<String> show(@RequestParam(name = "token", required = false) String token,
                                @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String accept) {
        View view = setups.inspect(token);
        PageLanguage language = PageLanguage.choose(view.language().orElse(null), accept);
        if (view.state() != State.PENDING) {
            return dead(view, language);
        }
        return form(view, language, token, HttpStatus.OK, List.of(), false, false, Set.of(), Set.of(),
                view.subdomainName(), null, List.of());
    }

    @PostMapping(path = "/setup", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> complete(@RequestParam MultiValueMap<String, String> form,
                                    @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false)
                                    String accept) {
        String token = form.getFirst("token");
        Set<String> confirmed = new HashSet<>();
        SetupCompletion.CONFIRMATIONS.stream().filter(field -> form.getFirst(field) != null).forEach(confirmed::add);
        Outcome outcome = setups.complete(token, new Submission(form.getFirst("password"),
                form.getFirst("confirmation"), confirmed, form.getFirst("subdomainName")));
        View view = outcome.view();
        PageLanguage language = PageLanguage.choose(view.language().orElse(null), accept);
        if (outcome.completed()) {
            Map<String, Object> model = base(view);
            model.put("upn", view.upn());
            model.put("subdomain", view.subdomain());
            model.put("signInUrl", properties.signInUrl().toString());
            return page("setup-done", language, HttpStatus.OK, model);
        }
        if (view.state() != State.PENDING) {
            return dead(view, language);
        }
        HttpStatus status = outcome.subdomainProblem() == SubdomainProblem.UNAVAILABLE
                ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.UNPROCESSABLE_CONTENT;
        return form(view, language, token, status, outcome.failures(), view.needsPassword(), outcome.mismatch(),
                outcome.unconfirmed(), confirmed, outcome.subdomainName(), outcome.subdomainProblem(),
                outcome.suggestions());
    }

    /** For the script only: which rules the password breaks, as {@code {"failed":[…]}}; 404 for a dead link. */
    @PostMapping(path = "/setup/check", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> check(@RequestParam(name = "token", required = false) String token,
                                              @RequestParam(name = "password", required = false) String password) {
        View view = setups.inspect(token);
        if (view.state() != State.PENDING || !view.needsPassword()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("failed", List.of()));
        }
        List<String> failed = setups.failures(view, password).stream().map(Enum::name).toList();
        return ResponseEntity.ok(Map.of("failed", failed, "acceptable", failed.isEmpty()));
    }

    /**
     * For the script only: whether a sub-domain name is free for this customer, as {@code {"status": AVAILABLE|TAKEN|
     * INVALID|UNAVAILABLE, "subdomain", "suggestions": […]}}; 404 for a dead link. The token and name come in the body,
     * never in a URL that lands in logs. Advisory: the submit claims, and that decides.
     */
    @PostMapping(path = "/setup/subdomain-check", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> checkSubdomain(@RequestParam(name = "token", required = false) String token,
                                                       @RequestParam(name = "name", required = false) String name) {
        View view = setups.inspect(token);
        if (view.state() != State.PENDING) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("status", "UNKNOWN"));
        }
        SubdomainCheck check = setups.check(view, name);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", check.status().name());
        answer.put("subdomain", check.subdomain());
        answer.put("suggestions", check.suggestions());
        return ResponseEntity.ok(answer);
    }

    private ResponseEntity<String> form(View view, PageLanguage language, String token, HttpStatus status,
                                        List<PasswordPolicy.Rule> failures, boolean judged, boolean mismatch,
                                        Set<String> unconfirmed, Set<String> confirmed, String subdomainName,
                                        SubdomainProblem subdomainProblem, List<String> suggestions) {
        Map<String, Object> model = base(view);
        model.put("token", token);
        model.put("upn", view.upn());
        model.put("accountName", view.organization().accountName());
        model.put("domains", view.organization().domains());
        model.put("subdomain", view.subdomain());
        model.put("subdomainName", subdomainName);
        model.put("platformDomain", view.subdomain().substring(view.subdomain().indexOf('.') + 1));
        model.put("subdomainProblem", subdomainProblem == null ? null : subdomainProblem.name());
        model.put("suggestions", suggestions);
        model.put("services", view.link().services());
        model.put("needsPassword", view.needsPassword());
        PasswordFields.put(model, failures, judged, mismatch);
        model.put("passwordRefused", !failures.isEmpty());
        model.put("unconfirmed", unconfirmed);
        model.put("confirmed", confirmed);
        return page("setup-form", language, status, model);
    }

    private ResponseEntity<String> dead(View view, PageLanguage language) {
        Map<String, Object> model = base(view);
        return switch (view.state()) {
            case EXPIRED -> page("setup-expired", language, HttpStatus.GONE, model);
            case DONE -> {
                model.put("signInUrl", properties.signInUrl().toString());
                yield page("setup-used", language, HttpStatus.CONFLICT, model);
            }
            case SUSPENDED -> page("setup-suspended", language, HttpStatus.CONFLICT, model);
            case UNKNOWN, PENDING -> page("setup-unknown", language, HttpStatus.NOT_FOUND, model);
        };
    }

    private static Map<String, Object> base(View view) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("organization", view.organization() == null ? null : view.organization().companyName());
        model.put("setup", true);
        return model;
    }

    private ResponseEntity<String> page(String name, PageLanguage language, HttpStatus status,
                                        Map<String, Object> model) {
        return templates.respond(name, language, status, model);
    }
}
