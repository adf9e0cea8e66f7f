package io.provisio.gateway.security;

import io.provisio.gateway.problem.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * 401 and 403 as problem+json with the Bearer challenge of RFC 6750. The detail never echoes why a
 * token was refused (signature, issuer, expiry): that would help someone forging one.
 */
final class ProblemSecurityHandlers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemSecurityHandlers.class);

    private final ProblemResponses problems;

    ProblemSecurityHandlers(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException ex) {
        // Why, for whoever runs the gateway (never the token itself); the client only learns that it was refused.
        log.info("Refused {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(),
                ex.getMessage());
        // A presented but unusable token gets the RFC 6750 error code; a missing one the bare challenge.
        String challenge = ex instanceof InvalidBearerTokenException ? "Bearer error=\"invalid_token\"" : "Bearer";
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return problems.write(exchange.getResponse(), HttpStatus.UNAUTHORIZED, "UNAUTHORIZED", "Unauthorized",
                "A valid bearer token is required");
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        return problems.write(exchange.getResponse(), HttpStatus.FORBIDDEN, "FORBIDDEN", "Forbidden",
                "This call is not allowed");
    }
}
