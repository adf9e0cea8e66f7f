package io.provisio.platform.security;

import java.util.function.Predicate;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's checks of the {@code Authorization} header, written as loops instead of regular
 * expressions: the same rules, but a partner's ~800-character token made the case-insensitive regexes
 * cost 11 % of a polled GET's CPU in customer-service (JFR, docs/PERFORMANCE.md). The gateway has the
 * reactive twin ({@code io.provisio.gateway.security.AuthorizationHeaders}).
 */
public final class AuthorizationHeaders {

    /**
     * {@link StrictHttpFirewall}'s header value rule: every code point assigned and not a control
     * character, except tab.
     */
    public static final Predicate<String> ALLOWED_HEADER_VALUES = AuthorizationHeaders::isAllowedHeaderValue;

    /**
     * The token of an {@code Authorization: Bearer} header as {@code DefaultBearerTokenResolver} reads it
     * (tokens in the query or a form body are off there too): none without the header or with another
     * scheme; a token that is not an RFC 6750 {@code b64token} is refused as malformed.
     */
    public static final BearerTokenResolver BEARER_TOKENS =
            request -> tokenOf(request.getHeader(HttpHeaders.AUTHORIZATION));

    private static final String SCHEME = "Bearer ";

    private AuthorizationHeaders() {
    }

    /** The firewall every service's API runs behind: Spring's strict one, with the header rule above. */
    public static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderValues(ALLOWED_HEADER_VALUES);
        return firewall;
    }

    private static boolean isAllowedHeaderValue(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (!Character.isDefined(c) || (c != '\t' && Character.isISOControl(c))) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    static String tokenOf(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "bearer", 0, 6)) {
            return null;
        }
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || !isB64Token(authorization)) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return authorization.substring(SCHEME.length());
    }

    /** {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="} after the scheme. */
    private static boolean isB64Token(String authorization) {
        int i = SCHEME.length();
        int end = authorization.length();
        int start = i;
        while (i < end && isTokenChar(authorization.charAt(i))) {
            i++;
        }
        if (i == start) {
            return false;
        }
        while (i < end && authorization.charAt(i) == '=') {
            i++;
        }
        return i == end;
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
