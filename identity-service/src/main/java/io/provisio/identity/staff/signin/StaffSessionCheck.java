package io.provisio.identity.staff.signin;

import java.io.IOException;

import io.provisio.identity.staff.domain.StaffMember;
import io.provisio.identity.staff.domain.StaffStatus;
import io.provisio.identity.staff.persistence.StaffStore;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Before {@code /oauth2/authorize} issues a code from a signed-in session (ADR 029): the member must still be ACTIVE
 * and hold the role they signed in with. Otherwise the session ends here and the request goes to the login page like
 * any unauthenticated one, so a disabled member's console gets no new token (the one it holds runs out within its
 * 15 minutes) and a changed role shows in the next token. One look-up by id per authorization request.
 */
final class StaffSessionCheck extends OncePerRequestFilter {

    private final StaffStore staff;

    StaffSessionCheck(StaffStore staff) {
        this.staff = staff;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof StaffPrincipal signedIn
                && !stillValid(signedIn)) {
            SecurityContextHolder.clearContext();
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
        }
        chain.doFilter(request, response);
    }

    private boolean stillValid(StaffPrincipal signedIn) {
        return staff.find(signedIn.id())
                .filter(member -> member.status() == StaffStatus.ACTIVE)
                .map(StaffMember::role)
                .filter(role -> role.name().equals(signedIn.role()))
                .isPresent();
    }
}
