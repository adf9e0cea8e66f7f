package io.provisio.gateway;

import java.time.Duration;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A client of the gateway under test. Its first call in a fresh context (routes, Netty client, key set and JIT
 * all cold) took over WebTestClient's default 5 s on this 2-core machine in CI; a test asserts what comes back,
 * not how fast.
 */
final class GatewayClient {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private GatewayClient() {
    }

    static WebTestClient at(int port) {
        return WebTestClient.bindToServer().baseUrl("http://localhost:" + port).responseTimeout(PATIENCE).build();
    }
}
