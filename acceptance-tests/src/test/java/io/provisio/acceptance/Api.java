package io.provisio.acceptance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A partner's HTTP client of the public API, through the gateway only. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;

    private Api(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** Fetches a token with the client-credentials grant, as a partner's integration does. */
    static Api partner(String baseUrl, String clientId, String secret) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        Response response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
        if (response.status() != 200) {
            throw new IllegalStateException("token request answered " + response.status() + ": " + response.text());
        }
        return new Api(baseUrl, response.json().get("access_token").asString());
    }

    /** The acceptance bootstrap's partners and operator (test secrets), against the running suite's gateway. */
    static Api nordic() {
        return partner(Suite.get().gatewayUrl, "nordic-it-api", "acceptance-secret-nordic");
    }

    static Api alpina() {
        return partner(Suite.get().gatewayUrl, "alpina-it-api", "acceptance-secret-alpina");
    }

    static Api operator() {
        return partner(Suite.get().gatewayUrl, "provisio-ops-api", "acceptance-secret-operator");
    }

    static Api anonymous(String baseUrl) {
        return new Api(baseUrl, null);
    }

    Response get(String path) {
        return send(request(path).GET());
    }

    Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** A POST a client may repeat safely: the same key answers the onboarding the first one started. */
    Response post(String path, String json, String idempotencyKey) {
        return send(request(path).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    /** A body of another media type, {@code text/csv} say. */
    Response post(String path, String body, String contentType, String idempotencyKey) {
        HttpRequest.Builder builder = request(path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return send(builder);
    }

    Response put(String path, String json) {
        return send(path, "PUT", json);
    }

    Response patch(String path, String json) {
        return send(path, "PATCH", json);
    }

    Response delete(String path) {
        return send(request(path).DELETE());
    }

    /** Any method with a JSON body ({@code null}: none). */
    Response send(String path, String method, String json) {
        HttpRequest.BodyPublisher body = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
        HttpRequest.Builder builder = request(path).method(method, body);
        if (json != null) {
            builder.header("Content-Type", "PATCH".equals(method) ? "application/merge-patch+json"
                    : "application/json");
        }
        return send(builder);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Response(int status, String text, String location, String contentType) {

        JsonNode json() {
            return JSON.readTree(text);
        }
    }
}
