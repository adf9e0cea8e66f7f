package io.provisio.platform.security;

import java.io.IOException;
import java.util.List;

import io.provisio.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * 401 and 403 as problem+json, as API.md asks, with the Bearer challenge of RFC 6750; 503 when the token
 * could not be checked because the key set could not be fetched.
 */
public final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler,
        AuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemSecurityHandlers.class);

    private final JsonMapper json;

    public ProblemSecurityHandlers(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException authException) throws IOException {
        if (authException instanceof AuthenticationServiceException) {
            // Not the token's fault: the keys to check it could not be had (identity-service away). The same
            // token will pass once it is back, so this is a 503 the client retries, not a 401 or a 500.
            log.warn("Answered 503: could not check the token of {} {}: {}", request.getMethod(),
                    request.getRequestURI(), authException.getMessage());
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            write(response, Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", "Service unavailable",
                    "A service this request needs is unavailable for a moment; try again", List.of()));
            return;
        }
        // Why, for whoever runs the service (never the token itself); the client only learns that it was refused.
        log.info("Refused {} {}: {}", request.getMethod(), request.getRequestURI(), authException.getMessage());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, authException instanceof OAuth2AuthenticationException oauth
                && BearerTokenErrorCodes.INVALID_TOKEN.equals(oauth.getError().getErrorCode())
                ? "Bearer error=\"invalid_token\"" : "Bearer");
        write(response, Problems.of(HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Unauthorized",
                "A valid bearer token is required", List.of()));
    }

    /** A failed bearer-token authentication, whatever its cause, answered as {@link #commence} does. */
    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException exception) throws IOException {
        commence(request, response, exception);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException accessDeniedException) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        write(response, Problems.of(HttpStatus.FORBIDDEN, "FORBIDDEN", "Forbidden",
                "The token lacks the scope this call needs", List.of()));
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
