package io.provisio.platform.security;

import java.util.List;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * What a partner's staff role allows (ADR 024, issue 14). Console tokens name the staff member's role in
 * {@code staff_role}: {@code PARTNER_ADMIN} manages the partner's staff and webhooks, {@code PARTNER_AGENT} onboards
 * and manages customers. An API client's token names no role: the client acts for the whole partner, as before.
 * Every service's default API chain applies {@link #ADMIN_PATHS}, so the rule holds wherever a path is served.
 */
public final class StaffRoles {

    public static final String CLAIM = "staff_role";
    public static final String PARTNER_ADMIN = "PARTNER_ADMIN";
    public static final String PARTNER_AGENT = "PARTNER_AGENT";
    /** Paths only a partner's staff admins and its API clients may use: its webhooks and its staff (each pattern
     * matches the bare path too). */
    public static final List<String> ADMIN_PATHS = List.of("/api/v1/webhooks/**", "/api/v1/staff/**");

    private StaffRoles() {
    }

    /** A partner token ({@code onboarding} scope) of an API client or of a staff admin; an agent is refused (403). */
    public static AuthorizationManager<RequestAuthorizationContext> partnerAdmin() {
        return (authentication, request) -> {
            Authentication who = authentication.get();
            boolean partner = who != null && who.isAuthenticated() && who.getAuthorities().stream()
                    .anyMatch(authority -> "SCOPE_onboarding".equals(authority.getAuthority()));
            String role = who instanceof JwtAuthenticationToken jwt ? jwt.getToken().getClaimAsString(CLAIM) : null;
            return new AuthorizationDecision(partner && (role == null || PARTNER_ADMIN.equals(role)));
        };
    }
}
