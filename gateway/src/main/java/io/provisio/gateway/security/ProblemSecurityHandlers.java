package io.provisio.gateway.security;

import io.provisio.gateway.problem.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 and 403 as problem+json with the Bearer challenge of RFC 6750; 503 when a token could not be
 * checked because identity's key set could not be fetched. The detail never echoes why a
 * token was refused (signature, issuer, expiry): that would help someone forging one.
 */
final class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler,
        ServerAuthenticationFailureHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemSecurityHandlers.class);

    private final ProblemResponses problems;

    ProblemSecurityHandlers(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        if (ex instanceof AuthenticationServiceException) {
            // Not the token's fault: identity's key set could not be fetched. The same token passes once it is
            // back, so the client gets a 503 to retry, not a 401 (nor the 500 Spring Security's default gives).
            log.warn("Answered 503: could not check the token of {} {}: {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath(), ex.getMessage());
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
            return problems.write(exchange.getResponse(), HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                    "Service unavailable", "A service this request needs is unavailable for a moment; try again");
        }
        // Why, for whoever runs the gateway (never the token itself); the client only learns that it was refused.
        log.info("Refused {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                ex.getMessage());
        // A presented but unusable token gets the RFC 6750 error code; a missing one the bare challenge.
        String challenge = ex instanceof OAuth2AuthenticationException oauth
                && BearerTokenErrorCodes.INVALID_TOKEN.equals(oauth.getError().getErrorCode())
                ? "Bearer error=\"invalid_token\"" : "Bearer";
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return problems.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Unauthorized",
                "A valid bearer token is required");
    }

    /** A failed bearer-token authentication, whatever its cause, answered as {@link #commence} does. */
    @Override
    public Mono<Void> onAuthenticationFailure(WebFilterExchange exchange, AuthenticationException ex) {
        return commence(exchange.getExchange(), ex);
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return problems.write(exchange.getResponse(), HttpStatus.FORBIDDEN, "FORBIDDEN", "Forbidden",
                "This call is not allowed");
    }
}
