package io.provisio.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the problem+json bodies the gateway answers itself, in the shape every service uses
 * ({@code type, title, status, detail, code}), so a client cannot tell who answered.
 */
@Component
public final class ProblemResponses {

    private final JsonMapper json;

    ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    /** The body as a map, in the member order clients see it. */
    public static Map<String, Object> body(HttpStatus status, String code, String title, String detail) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://provisio.io/problems/" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("code", code);
        return problem;
    }

    /** Completes the response with the problem; headers such as Retry-After must be set before. */
    public Mono<Void> write(ServerHttpResponse response, HttpStatus status, String code, String title, String detail) {
        if (response.isCommitted()) {
            return Mono.empty();
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return response.writeWith(Mono.fromSupplier(() ->
                response.bufferFactory().wrap(json.writeValueAsBytes(body(status, code, title, detail)))));
    }
}
