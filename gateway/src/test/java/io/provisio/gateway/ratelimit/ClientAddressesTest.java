package io.provisio.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** X-Forwarded-For is read only as far as proxies are trusted; what the client wrote itself is never the key. */
class ClientAddressesTest {

    private static final MockServerWebExchange THROUGH_INGRESS = MockServerWebExchange.from(
            MockServerHttpRequest.post("/oauth2/token")
                    .remoteAddress(new InetSocketAddress("10.0.0.5", 40000))
                    .header("X-Forwarded-For", "198.51.100.66, 203.0.113.7, 10.0.0.9"));

    @Test
    void usesTheSocketPeerWhenNoProxyIsTrusted() {
        assertThat(new ClientAddresses(0).of(THROUGH_INGRESS)).isEqualTo("10.0.0.5");
    }

    @Test
    void usesTheEntryTheOutermostTrustedProxyWrote() {
        assertThat(new ClientAddresses(1).of(THROUGH_INGRESS)).isEqualTo("10.0.0.9");
        assertThat(new ClientAddresses(2).of(THROUGH_INGRESS)).isEqualTo("203.0.113.7");
    }

    @Test
    void usesTheSocketPeerWhenTrustedProxyAddedNoHeader() {
        MockServerWebExchange direct = MockServerWebExchange.from(MockServerHttpRequest.post("/oauth2/token")
                .remoteAddress(new InetSocketAddress("192.0.2.1", 40000)));

        assertThat(new ClientAddresses(1).of(direct)).isEqualTo("192.0.2.1");
    }
}
