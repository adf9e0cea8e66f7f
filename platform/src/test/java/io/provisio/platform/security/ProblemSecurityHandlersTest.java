package io.provisio.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a failed bearer-token authentication answers: the client's bad token is a 401; keys that could not be
 * fetched (identity-service away) are the service's moment of unavailability, a 503 to retry.
 */
class ProblemSecurityHandlersTest {

    private final ProblemSecurityHandlers handlers = new ProblemSecurityHandlers(JsonMapper.builder().build());

    @Test
    void aTokenThatCannotBeCheckedForWantOfKeysIs503WithRetryAfter() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        handlers.onAuthenticationFailure(new MockHttpServletRequest("GET", "/api/v1/plans"), response,
                new AuthenticationServiceException("Couldn't retrieve remote JWK set"));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeader("Retry-After")).isEqualTo("5");
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"code\":\"SERVICE_UNAVAILABLE\"")
                .doesNotContain("JWK");
    }

    @Test
    void aBadTokenIs401InvalidToken() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();

        handlers.onAuthenticationFailure(new MockHttpServletRequest("GET", "/api/v1/plans"), response,
                new InvalidBearerTokenException("Jwt expired"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(response.getContentAsString()).contains("\"code\":\"UNAUTHORIZED\"");
    }
}
