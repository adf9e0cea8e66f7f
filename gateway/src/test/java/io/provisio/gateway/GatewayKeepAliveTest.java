package io.provisio.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A partner's HTTP client keeps one connection open and may send its next request before the gateway has
 * finished with the previous one. Reactor Netty 1.3.6 stopped reading such a connection when a request it had
 * buffered was answered at once by the gateway itself (a 401, 404 or 429 after a routed call): the next request
 * on that connection was never read, and the client waited until its own time-out (reactor-netty issue 4361;
 * it failed a routing test in CI one run in four). This is that sequence on one socket. It hung for its whole
 * read time-out on 1.3.6 and passes on 1.3.8, which the root pom pins.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayKeepAliveTest {

    /** A bound on the wait for an answer, not a speed claim: a healthy answer comes back in milliseconds. */
    private static final int READ_TIMEOUT_MILLIS = 20_000;

    private static final TestTokens TOKENS = new TestTokens();
    private static final StubBackend BACKEND = StubBackend.start("all")
            .answering("/oauth2/jwks", TOKENS.jwkSetJson());

    @DynamicPropertySource
    static void backends(DynamicPropertyRegistry registry) {
        BACKEND.standForEveryService(registry);
        registry.add("provisio.gateway.issuer", () -> TestTokens.ISSUER);
        registry.add("management.server.port", () -> "0");
    }

    @LocalServerPort
    int port;

    @AfterAll
    static void stopBackend() {
        BACKEND.close();
    }

    @RepeatedTest(5)
    void keepsReadingTheConnectionAfterALocallyAnsweredRequestFollowedARoutedOne() throws IOException {
        String token = TOKENS.forPartner("nordic-it");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());

            // Routed (answered on the HTTP client's thread), then refused by the gateway itself, in one write.
            out.write((get("/api/v1/plans", token) + get("/api/v1/customers", null)).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusOf(readResponse(in))).isEqualTo(200);
            assertThat(statusOf(readResponse(in))).isEqualTo(401);

            out.write(get("/api/v1/plans", token).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(statusOf(readResponse(in))).isEqualTo(200);
        }
    }

    private String get(String path, String token) {
        return "GET " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n";
    }

    private static int statusOf(String head) {
        return Integer.parseInt(head.substring(9, 12));
    }

    /** Reads one response (head and body, by Content-Length or chunked) and returns its head. */
    private static String readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        String lower = head.toLowerCase(Locale.ROOT);
        if (lower.contains("transfer-encoding: chunked")) {
            long size;
            do {
                size = Long.parseLong(readLine(in).trim().split(";")[0], 16);
                in.skipNBytes(size);
                readLine(in);
            } while (size > 0);
        } else {
            int at = lower.indexOf("content-length:");
            if (at >= 0) {
                int end = lower.indexOf("\r\n", at);
                in.skipNBytes(Long.parseLong(lower.substring(at + "content-length:".length(), end).trim()));
            }
        }
        return head;
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            head.append(line).append("\r\n");
        }
        return head.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }
}
