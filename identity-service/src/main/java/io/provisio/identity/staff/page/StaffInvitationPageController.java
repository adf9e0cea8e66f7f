package io.provisio.identity.staff.page;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.provisio.identity.staff.application.StaffInvitations;
import io.provisio.identity.staff.application.StaffInvitations.Link;
import io.provisio.identity.staff.application.StaffInvitations.State;
import io.provisio.identity.staff.domain.StaffMember;
import io.provisio.identity.user.page.PageLanguage;
import io.provisio.identity.user.page.PageTemplates;
import io.provisio.identity.user.page.PasswordFields;
import io.provisio.passwords.PasswordPolicy;
import org.springframework.beans.factory.annotation.Value;
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
 * The page behind a staff invitation's link (ADR 029): {@code GET /activate/staff?token=…} shows the partner, the
 * sign-in name and the password rules; the form posts back to {@code /activate/staff}. The activation page's
 * templates, script, style, chain and statuses: the form 200, a refused password 422 (every broken rule and a
 * mismatched confirmation at once), done 200, expired 410, used 409, unknown 404. In the member's language (the
 * invitation's), else the browser's. The token is never logged.
 */
@Controller
class StaffInvitationPageController {

    private final StaffInvitations invitations;
    private final PageTemplates templates;
    private final String consoleUrl;

    StaffInvitationPageController(StaffInvitations invitations, PageTemplates templates,
                                  @Value("${provisio.identity.console.signed-out-url:/console/}") String consoleUrl) {
        this.invitations = invitations;
        this.templates = templates;
        this.consoleUrl = consoleUrl;
    }

    @GetMapping("/activate/staff")
    ResponseEntity<String> show(@RequestParam(name = "token", required = false) String token,
                                @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String accept) {
        Link link = invitations.inspect(token);
        PageLanguage language = PageLanguage.choose(link.language().orElse(null), accept);
        if (link.state() != State.PENDING) {
            return dead(link, language);
        }
        return form(link, language, token, HttpStatus.OK, List.of(), false, false);
    }

    @PostMapping(path = "/activate/staff", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<String> accept(@RequestParam(name = "token", required = false) String token,
                                  @RequestParam(name = "password", required = false) String password,
                                  @RequestParam(name = "confirmation", required = false) String confirmation,
                                  @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String accept) {
        Link link = invitations.inspect(token);
        PageLanguage language = PageLanguage.choose(link.language().orElse(null), accept);
        if (link.state() != State.PENDING) {
            return dead(link, language);
        }
        String typed = password == null ? "" : password;
        List<PasswordPolicy.Rule> failures = invitations.failures(link, typed);
        boolean mismatch = !typed.equals(confirmation == null ? "" : confirmation);
        if (!failures.isEmpty() || mismatch) {
            return form(link, language, token, HttpStatus.UNPROCESSABLE_CONTENT, failures, true, mismatch);
        }
        Optional<StaffMember> accepted = invitations.accept(token, typed);
        if (accepted.isEmpty()) {
            // Used in another tab, replaced or expired this second: the page for what the link is now.
            return dead(invitations.inspect(token), language);
        }
        Map<String, Object> model = base(link);
        model.put("upn", accepted.get().username());
        model.put("signInUrl", consoleUrl);
        return templates.respond("staff-done", language, HttpStatus.OK, model);
    }

    /** For the page's script: which rules the password breaks, as {@code {"failed":[…]}}; 404 for a dead link. */
    @PostMapping(path = "/activate/staff/check", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<Map<String, Object>> check(@RequestParam(name = "token", required = false) String token,
                                              @RequestParam(name = "password", required = false) String password) {
        Link link = invitations.inspect(token);
        if (link.state() != State.PENDING) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Map.of("failed", List.of()));
        }
        List<String> failed = invitations.failures(link, password == null ? "" : password).stream()
                .map(Enum::name).toList();
        return ResponseEntity.ok(Map.of("failed", failed, "acceptable", failed.isEmpty()));
    }

    private ResponseEntity<String> form(Link link, PageLanguage language, String token, HttpStatus status,
                                        List<PasswordPolicy.Rule> failures, boolean judged, boolean mismatch) {
        Map<String, Object> model = base(link);
        model.put("token", token);
        model.put("upn", link.member().username());
        PasswordFields.put(model, failures, judged, mismatch);
        return templates.respond("staff-form", language, status, model);
    }

    private ResponseEntity<String> dead(Link link, PageLanguage language) {
        Map<String, Object> model = base(link);
        model.put("linkState", link.state() == State.PENDING ? "unknown"
                : link.state().name().toLowerCase(Locale.ROOT));
        HttpStatus status = switch (link.state()) {
            case EXPIRED -> HttpStatus.GONE;
            case USED -> {
                model.put("signInUrl", consoleUrl);
                yield HttpStatus.CONFLICT;
            }
            case UNKNOWN, PENDING -> HttpStatus.NOT_FOUND;
        };
        return templates.respond("staff-dead", language, status, model);
    }

    private static Map<String, Object> base(Link link) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("organization", link.partnerName());
        return model;
    }
}
