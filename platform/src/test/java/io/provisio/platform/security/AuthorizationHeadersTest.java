package io.provisio.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** The loops decide exactly as Spring Security's regular expressions do, on chosen and on random headers. */
class AuthorizationHeadersTest {

    private static final DefaultBearerTokenResolver SPRING = new DefaultBearerTokenResolver();
    /** Token characters, characters a token may not hold, and the pieces of a scheme. */
    private static final String ALPHABET = "aZ09-._~+/=  \t;:,%\"\u00e9\u0000\u007f";

    @ParameterizedTest
    @ValueSource(strings = {"Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln", "bearer abc", "BEARER a+b/c==",
            "Bearer abc=", "Bearer ab=c", "Bearer ", "Bearer  abc", "Bearer abc ", "Bearer\tabc", "Bearerabc",
            "Bearer a b", "Bearer ä", "bearer", "Basic dXNlcjpwYXNz", "Token abc", "", "   Bearer abc"})
    void readsAHeaderAsSpringSecurityDoes(String header) {
        assertSameOutcome(header);
    }

    @Test
    void readsNoTokenWithoutAHeader() {
        assertThat(AuthorizationHeaders.BEARER_TOKENS.resolve(new MockHttpServletRequest())).isNull();
    }

    @Test
    void refusesAMalformedBearerTokenAsInvalid() {
        assertThatThrownBy(() -> AuthorizationHeaders.tokenOf("Bearer not a token"))
                .isInstanceOfSatisfying(OAuth2AuthenticationException.class,
                        e -> assertThat(e.getError().getErrorCode()).isEqualTo("invalid_token"));
    }

    @Test
    void readsRandomHeadersAsSpringSecurityDoes() {
        Random random = new Random(12);
        for (String header : randomHeaders(random, 20_000)) {
            assertSameOutcome(header);
        }
    }

    @Test
    void allowsTheHeaderValuesSpringsStrictFirewallAllows() {
        Random random = new Random(34);
        int[] special = {'\t', '\n', '\r', 0, 0x1f, 0x7f, 0x85, 0x9f, 0xa0, 0x378, 0xd800, 0xdfff, 0xfffe,
                0x1f600, 0xe0001, 0x10ffff};
        List<String> values = new ArrayList<>(List.of("", "Bearer abc", "text/html; q=0.9", "a\tb", "a\nb"));
        for (int n = 0; n < 20_000; n++) {
            StringBuilder value = new StringBuilder();
            for (int i = random.nextInt(6); i > 0; i--) {
                value.appendCodePoint(random.nextBoolean() ? special[random.nextInt(special.length)]
                        : random.nextInt(0x110000));
            }
            values.add(value.toString());
        }
        for (String value : values) {
            assertThat(AuthorizationHeaders.ALLOWED_HEADER_VALUES.test(value)).as("%s", value.codePoints().toArray())
                    .isEqualTo(StrictHttpFirewall.ALLOWED_HEADER_VALUES.test(value));
        }
    }

    private static List<String> randomHeaders(Random random, int count) {
        String[] schemes = {"Bearer ", "bearer ", "BeArEr ", "Bearer", "Basic ", ""};
        List<String> headers = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            StringBuilder header = new StringBuilder(schemes[random.nextInt(schemes.length)]);
            for (int i = random.nextInt(8); i > 0; i--) {
                header.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            headers.add(header.toString());
        }
        return headers;
    }

    private static void assertSameOutcome(String header) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", header);
        assertThat(outcome(() -> AuthorizationHeaders.BEARER_TOKENS.resolve(request))).as("header '%s'", header)
                .isEqualTo(outcome(() -> SPRING.resolve(request)));
    }

    /** The token, or the error code a refusal carries. */
    private static String outcome(java.util.function.Supplier<String> resolve) {
        try {
            return "token:" + resolve.get();
        } catch (OAuth2AuthenticationException e) {
            return "refused:" + e.getError().getErrorCode() + ":" + e.getError().getDescription();
        }
    }
}
