package io.provisio.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bodies over the default cap (256 KB; 2 MB for onboarding batches) are answered 413 before anything reaches a service,
 * with or without a length.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayBodyLimitTest {

    private static final int CAP = 256 * 1024;
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

    HttpClient http;

    @BeforeEach
    void connect() {
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        BACKEND.reset();
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.close();
    }

    @Test
    void refusesBodyDeclaredLargerThanTheCap() throws Exception {
        HttpResponse<String> response = send("/api/v1/onboardings", HttpRequest.BodyPublishers.ofByteArray(body(CAP + 1)));

        expectTooLarge(response);
        assertThat(BACKEND.requestsTo("/api/v1/onboardings")).isEmpty();
    }

    @Test
    void passesBodyOfExactlyTheCap() throws Exception {
        byte[] body = body(CAP);

        HttpResponse<String> response = send("/api/v1/onboardings", HttpRequest.BodyPublishers.ofByteArray(body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(BACKEND.requestsTo("/api/v1/onboardings")).singleElement()
                .satisfies(received -> assertThat(received.body()).isEqualTo(body));
    }

    @Test
    void refusesChunkedBodyOnceItGoesOverTheCap() throws Exception {
        HttpResponse<String> response = send("/api/v1/onboardings", chunked(body(CAP + 40_000)));

        expectTooLarge(response);
        assertThat(BACKEND.requestsTo("/api/v1/onboardings")).isEmpty();
    }

    @Test
    void passesChunkedBodyUnderTheCapWhole() throws Exception {
        byte[] body = body(100_000);

        HttpResponse<String> response = send("/api/v1/onboardings", chunked(body));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(BACKEND.requestsTo("/api/v1/onboardings")).singleElement()
                .satisfies(received -> assertThat(received.body()).isEqualTo(body));
    }

    @Test
    void passesABatchOfUpTo2MegabytesAndRefusesALargerOne() throws Exception {
        byte[] batch = body(2 * 1024 * 1024);

        HttpResponse<String> passed = send("/api/v1/onboarding-batches", HttpRequest.BodyPublishers.ofByteArray(batch));
        HttpResponse<String> refused = send("/api/v1/onboarding-batches", chunked(body(2 * 1024 * 1024 + 1)));

        assertThat(passed.statusCode()).isEqualTo(200);
        assertThat(BACKEND.requestsTo("/api/v1/onboarding-batches")).singleElement()
                .satisfies(received -> assertThat(received.body()).isEqualTo(batch));
        expectTooLarge(refused);
        assertThat(refused.body()).contains(Integer.toString(2 * 1024 * 1024));
    }

    @Test
    void refusesLargeBodyOnPathsWithoutToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/activation"))
                        .header("Content-Type", "application/json")
                        .POST(chunked(body(CAP + 1)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        expectTooLarge(response);
        assertThat(BACKEND.requestsTo("/api/v1/activation")).isEmpty();
    }

    private HttpResponse<String> send(String path, HttpRequest.BodyPublisher body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path))
                        .header("Authorization", "Bearer " + TOKENS.forPartner("nordic-it"))
                        .header("Content-Type", "application/json")
                        .POST(body)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void expectTooLarge(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains(
                "\"type\":\"https://provisio.io/problems/payload-too-large\"",
                "\"status\":413",
                "\"code\":\"PAYLOAD_TOO_LARGE\"");
    }

    /** Without a length, so the JDK client sends it chunked. */
    private static HttpRequest.BodyPublisher chunked(byte[] body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
    }

    /** A JSON string of exactly {@code size} bytes. */
    private static byte[] body(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) 'a');
        body[0] = '"';
        body[size - 1] = '"';
        return body;
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
