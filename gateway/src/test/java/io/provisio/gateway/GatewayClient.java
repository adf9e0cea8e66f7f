package io.provisio.gateway;

import java.time.Duration;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A client of the gateway under test. The wait is a bound, not a speed claim: a test asserts what comes back,
 * not how fast. (A first call that once took "over 5 s" in CI was a connection the server had stopped reading,
 * reactor-netty issue 4361, which {@code GatewayKeepAliveTest} now covers; a cold context answers in well under
 * a second.)
 */
final class GatewayClient {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private GatewayClient() {
    }

    static WebTestClient at(int port) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(PATIENCE).build();
    }
}
