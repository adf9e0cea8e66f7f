package io.provisio.identity.staff.signin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The pages a staff member sees while signing in and out (ADR 024). {@code GET /login}: the form (posted to
 * {@code /login}, handled by Spring Security), with what happened last: a wrong name or password, a locked name,
 * signed out. {@code GET /logout}: a button that posts {@code /logout}, which ends the sign-in session (a sign-out
 * is a form with the session's CSRF token, so no other site can sign a person out). Both work without script.
 */
@Controller
class SignInPageController {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private final SignInPages pages;
    private final ConsoleProperties properties;

    SignInPageController(SignInPages pages, ConsoleProperties properties) {
        this.pages = pages;
        this.properties = properties;
    }

    @GetMapping(StaffSignInConfiguration.LOGIN)
    ResponseEntity<String> login(HttpServletRequest request,
                                 @RequestParam(name = "error", required = false) String error,
                                 @RequestParam(name = "locked", required = false) String locked,
                                 @RequestParam(name = "signed-out", required = false) String signedOut,
                                 @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String accept) {
        Map<String, Object> model = form(request);
        model.put("error", error != null);
        model.put("locked", locked != null);
        model.put("signedOut", signedOut != null);
        model.put("consoleUrl", properties.signedOutUrl());
        return ResponseEntity.ok().contentType(HTML).body(pages.render("login", accept, model));
    }

    @GetMapping(StaffSignInConfiguration.LOGOUT)
    ResponseEntity<String> logout(HttpServletRequest request,
                                  @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String accept) {
        Map<String, Object> model = form(request);
        model.put("signedIn", request.getUserPrincipal() != null);
        model.put("consoleUrl", properties.signedOutUrl());
        return ResponseEntity.ok().contentType(HTML).body(pages.render("logout", accept, model));
    }

    private static Map<String, Object> form(HttpServletRequest request) {
        CsrfToken csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("csrfParameter", csrf.getParameterName());
        model.put("csrfToken", csrf.getToken());
        return model;
    }
}
