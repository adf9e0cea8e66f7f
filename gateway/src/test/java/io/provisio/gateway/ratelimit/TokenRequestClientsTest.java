package io.provisio.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The key of a token request is the client id it names, never its secret. */
class TokenRequestClientsTest {

    @Test
    void takesClientIdFromBasicCredentialsWithoutTheSecret() {
        assertThat(clientId(basic("nordic-it-api:s3cret"), null)).isEqualTo("nordic-it-api");
        assertThat(clientId(basic("nordic-it-api:other"), null)).isEqualTo("nordic-it-api");
    }

    @Test
    void decodesFormEncodedClientIdInBasicCredentials() {
        assertThat(clientId(basic("m%C3%BCller+api:x"), null)).isEqualTo("müller api");
    }

    @Test
    void takesClientIdFromFormWhenThereIsNoBasicHeader() {
        assertThat(clientId(null, "grant_type=client_credentials&client_id=posting%2Dapi&client_secret=s3cret"))
                .isEqualTo("posting-api");
    }

    @Test
    void prefersBasicCredentialsOverForm() {
        assertThat(clientId(basic("header-api:x"), "client_id=form-api")).isEqualTo("header-api");
    }

    @Test
    void sharesOneKeyForRequestsNamingNoUsableClient() {
        assertThat(clientId(null, "grant_type=client_credentials")).isEqualTo(TokenRequestClients.NONE);
        assertThat(clientId(null, null)).isEqualTo(TokenRequestClients.NONE);
        assertThat(clientId("Basic %%%", null)).isEqualTo(TokenRequestClients.NONE);
        assertThat(clientId(basic("no-colon"), null)).isEqualTo(TokenRequestClients.NONE);
        assertThat(clientId(basic(":secret-only"), null)).isEqualTo(TokenRequestClients.NONE);
        assertThat(clientId(basic("x".repeat(129) + ":s"), null)).isEqualTo(TokenRequestClients.NONE);
        assertThat(clientId(null, "client_id=&client_secret=s")).isEqualTo(TokenRequestClients.NONE);
    }

    private static String clientId(String authorization, String form) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post("/oauth2/token")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (authorization != null) {
            request.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        if (form != null) {
            exchange.getAttributes().put(ServerWebExchangeUtils.CACHED_REQUEST_BODY_ATTR,
                    DefaultDataBufferFactory.sharedInstance.wrap(form.getBytes(StandardCharsets.UTF_8)));
        }
        return TokenRequestClients.clientId(exchange);
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
