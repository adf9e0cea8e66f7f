package io.provisio.notification.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import com.sun.net.httpserver.HttpServer;

/**
 * A partner's receiver on a real socket: answers each POST with the next scripted status (then 204 for good) and
 * keeps what it was sent.
 */
final class WebhookReceiver implements AutoCloseable {

    record Received(Map<String, String> headers, String body) {
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int otherwise = 204;

    private WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(Map.of(
                        "webhook-id", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")),
                        "webhook-timestamp", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-timestamp")),
                        "webhook-signature", String.valueOf(exchange.getRequestHeaders().getFirst("webhook-signature")),
                        "content-type", String.valueOf(exchange.getRequestHeaders().getFirst("content-type"))), body));
                Integer status = script.poll();
                exchange.sendResponseHeaders(status == null ? otherwise : status, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The next answers, in order; afterwards {@link #otherwise}. */
    WebhookReceiver answering(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    WebhookReceiver alwaysAnswering(int status) {
        otherwise = status;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
