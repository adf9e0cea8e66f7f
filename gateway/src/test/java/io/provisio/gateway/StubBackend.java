package io.provisio.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One backend service, played by the JDK's HTTP server on a random loopback port. It records every request
 * it receives and answers {@code {"backend":"<name>"}}, so a test sees which service a route reached.
 * Paths containing {@code /missing} answer a 404 problem, as a service would for an unknown resource; paths
 * containing {@code /hang} get no answer until the stub closes, like a backend that is stuck.
 */
final class StubBackend implements AutoCloseable {

    /** What arrived at the backend; header names are case-insensitive, as in HTTP. */
    record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {

        String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.getFirst();
        }
    }

    /** An answer a stub decides per request (problem+json unless 200). */
    record Answer(int status, String body) {
    }

    static final String MISSING_BODY =
            "{\"type\":\"https://provisio.io/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                    + "\"detail\":\"Customer c-9 does not exist\",\"code\":\"NOT_FOUND\"}";

    /** Where a service serves its own OpenAPI document, fetched by the gateway's ServiceDocuments. */
    static final String OPENAPI_PATH = "/v3/api-docs";

    private final String name;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> fixedAnswers = new ConcurrentSkipListMap<>();
    private final Map<String, Integer> fixedStatuses = new ConcurrentHashMap<>();
    private final Map<String, Function<Received, Answer>> deciders = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private StubBackend(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    static StubBackend start(String name) {
        try {
            return new StubBackend(name);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start stub " + name, e);
        }
    }

    /** Answers {@code body} as JSON for this exact path instead of the default answer (e.g. the JWK set). */
    StubBackend answering(String path, String body) {
        fixedAnswers.put(path, body);
        return this;
    }

    /** Answers {@code status} with {@code body} (problem+json unless 200) for this exact path. */
    StubBackend answering(String path, int status, String body) {
        fixedAnswers.put(path, body);
        fixedStatuses.put(path, status);
        return this;
    }

    /** Answers this exact path with what {@code decider} makes of each request, e.g. by its credentials. */
    StubBackend answering(String path, Function<Received, Answer> decider) {
        deciders.put(path, decider);
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** The requests for one path, oldest first. */
    List<Received> requestsTo(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    void reset() {
        received.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        exchange.getRequestHeaders().forEach((key, values) -> headers.put(key, List.copyOf(values)));
        byte[] requestBody = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getRawPath();
        Received request = new Received(exchange.getRequestMethod(), path, headers, requestBody);
        if (!path.equals(OPENAPI_PATH)) {
            // The gateway fetches every service's OpenAPI document in the background, whenever it likes: not a
            // request any test sends, so not among those a test counts.
            received.add(request);
        }

        if (path.contains("/hang")) {
            awaitClose();
        }
        int status = 200;
        String contentType = "application/json";
        String body = fixedAnswers.getOrDefault(path, "{\"backend\":\"" + name + "\"}");
        Integer fixedStatus = fixedStatuses.get(path);
        Function<Received, Answer> decider = deciders.get(path);
        if (decider != null) {
            Answer answer = decider.apply(request);
            body = answer.body();
            fixedStatus = answer.status();
        }
        if (fixedStatus != null && fixedStatus != 200) {
            status = fixedStatus;
            contentType = "application/problem+json";
        }
        if (path.contains("/missing")) {
            status = 404;
            contentType = "application/problem+json";
            body = MISSING_BODY;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Registers this stub as every backend of the gateway and as identity's key set endpoint. */
    void standForEveryService(org.springframework.test.context.DynamicPropertyRegistry registry) {
        for (String service : new String[] {"customer", "identity", "subscription", "notification"}) {
            registry.add("provisio.gateway.services." + service, this::baseUrl);
        }
        registry.add("provisio.gateway.jwk-set-uri", () -> baseUrl() + "/oauth2/jwks");
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
