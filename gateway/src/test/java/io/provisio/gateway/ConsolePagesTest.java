package io.provisio.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The partner console at {@code /console/} (ADR 024): its page and scripts from the console module, with the strict
 * page headers and no token; and its staff's sign-in pages and authorization endpoint routed to identity.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsolePagesTest {

    private static final StubBackend IDENTITY = StubBackend.start("identity")
            .answering("/login", "<html>login</html>")
            .answering("/oauth2/authorize", "authorize");
    private static final StubBackend OTHER = StubBackend.start("other");

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        registry.add("provisio.gateway.services.customer", OTHER::baseUrl);
        registry.add("provisio.gateway.services.identity", IDENTITY::baseUrl);
        registry.add("provisio.gateway.services.subscription", OTHER::baseUrl);
        registry.add("provisio.gateway.services.notification", OTHER::baseUrl);
        registry.add("provisio.gateway.jwk-set-uri", () -> IDENTITY.baseUrl() + "/oauth2/jwks");
        registry.add("management.server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void connect() {
        client = GatewayClient.at(port);
    }

    @AfterAll
    static void stopBackends() {
        List.of(IDENTITY, OTHER).forEach(StubBackend::close);
    }

    @Test
    void theConsolePageIsServedWithoutATokenUnderAStrictContentSecurityPolicy() {
        client.get().uri("/console/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().valueEquals("Content-Security-Policy", "default-src 'none'; script-src 'self'; "
                        + "style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
                        + "frame-ancestors 'none'")
                .expectHeader().valueEquals("Referrer-Policy", "no-referrer")
                .expectHeader().valueEquals("X-Frame-Options", "DENY")
                .expectBody(String.class).value(html -> assertThat(html)
                        .contains("<script type=\"module\" src=\"/console/js/app.js\">")
                        .doesNotContain("http://", "https://"));
    }

    @Test
    void theScriptsAndStyleComeFromTheConsoleModule() {
        client.get().uri("/console/js/app.js").exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.CONTENT_TYPE, type -> assertThat(type).contains("javascript"))
                .expectHeader().exists("Content-Security-Policy");
        client.get().uri("/console/app.css").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.valueOf("text/css"));
        client.get().uri("/console/js/nothing-here.js").exchange().expectStatus().isNotFound();
    }

    @Test
    void theBareAddressLeadsToThePage() {
        client.get().uri("/console").exchange()
                .expectStatus().isPermanentRedirect()
                .expectHeader().location("/console/");
    }

    @Test
    void theSignInPagesAndTheAuthorizationEndpointReachIdentityWithoutATokenAndWithThePageHeaders() {
        client.get().uri("/login").exchange()
                .expectStatus().isOk()
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("form-action 'self'"))
                .expectHeader().valueEquals("Cache-Control", "no-store")
                .expectBody(String.class).isEqualTo("<html>login</html>");
        client.get().uri("/oauth2/authorize?response_type=code&client_id=provisio-console").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("authorize");
        assertThat(IDENTITY.requestsTo("/oauth2/authorize")).hasSize(1);
    }
}
