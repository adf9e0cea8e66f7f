package io.provisio.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

/** The loops decide exactly as Spring Security's reactive regular expressions do, on chosen and random headers. */
class AuthorizationHeadersTest {

    private static final ServerBearerTokenAuthenticationConverter SPRING = new ServerBearerTokenAuthenticationConverter();
    private static final String ALPHABET = "aZ09-._~+/=  \t;:,%\"\u00e9\u007f";

    @Test
    void readsHeadersAsSpringSecurityDoes() {
        Random random = new Random(56);
        String[] schemes = {"Bearer ", "bearer ", "BeArEr ", "Bearer", "Basic ", ""};
        List<String> headers = new ArrayList<>(List.of("Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
                "Bearer abc=", "Bearer ab=c", "Bearer ", "Bearer  abc", "Bearerabc", "Basic dXNlcjpwYXNz"));
        for (int n = 0; n < 5_000; n++) {
            StringBuilder header = new StringBuilder(schemes[random.nextInt(schemes.length)]);
            for (int i = random.nextInt(8); i > 0; i--) {
                header.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            headers.add(header.toString());
        }
        for (String header : headers) {
            assertThat(outcome(AuthorizationHeaders.BEARER_TOKENS, header)).as("header '%s'", header)
                    .isEqualTo(outcome(SPRING, header));
        }
        assertThat(outcome(AuthorizationHeaders.BEARER_TOKENS, null)).isEqualTo("none");
    }

    @Test
    void allowsTheHeaderValuesSpringsStrictFirewallAllows() {
        Random random = new Random(78);
        int[] special = {'\t', '\n', '\r', 0, 0x1f, 0x7f, 0x85, 0x9f, 0xa0, 0x378, 0xd800, 0xfffe, 0x1f600, 0x10ffff};
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            for (int i = random.nextInt(6); i > 0; i--) {
                value.appendCodePoint(random.nextBoolean() ? special[random.nextInt(special.length)]
                        : random.nextInt(0x110000));
            }
            String text = value.toString();
            assertThat(AuthorizationHeaders.ALLOWED_HEADER_VALUES.test(text)).as("%s", text.codePoints().toArray())
                    .isEqualTo(StrictServerWebExchangeFirewall.ALLOWED_HEADER_VALUES.test(text));
        }
    }

    /** The token, "none", or the error code and description a refusal carries. */
    private static String outcome(ServerAuthenticationConverter converter, String header) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/v1/plans");
        if (header != null) {
            request.header("Authorization", header);
        }
        try {
            return converter.convert(MockServerWebExchange.from(request))
                    .map(token -> "token:" + ((BearerTokenAuthenticationToken) token).getToken())
                    .defaultIfEmpty("none")
                    .block();
        } catch (OAuth2AuthenticationException e) {
            return "refused:" + e.getError().getErrorCode() + ":" + e.getError().getDescription();
        }
    }
}
