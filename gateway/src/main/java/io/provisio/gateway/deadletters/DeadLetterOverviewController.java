package io.provisio.gateway.deadletters;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import io.provisio.gateway.config.GatewayProperties;
import io.provisio.gateway.problem.ProblemResponses;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks every service for its dead-letter queues, with the caller's token, and answers them as one page.
 * The services check the {@code operator} scope (the gateway only authenticates); a service that refuses the
 * token decides the answer (401/403), so no one without the scope learns anything here. A service that does not
 * answer is named in {@code unavailable} instead of failing the whole list: during an incident the others'
 * dead letters matter most.
 */
@RestController
class DeadLetterOverviewController {

    static final String PATH = "/api/v1/operator/dead-letters";
    /** What one service may take; a DLQ list is read from the broker, so this is generous. */
    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_SIZE = 200;

    private final Map<String, URI> services;
    private final WebClient client;
    private final JsonMapper json;

    DeadLetterOverviewController(GatewayProperties properties, ObservationRegistry observations, JsonMapper json) {
        this.services = new LinkedHashMap<>();
        services.put("customer", properties.services().customer());
        services.put("identity", properties.services().identity());
        services.put("subscription", properties.services().subscription());
        services.put("notification", properties.services().notification());
        this.json = json;
        // Traced like the routed calls (observation registry), so each service's part joins the caller's trace.
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create()
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                        .responseTimeout(SERVICE_TIMEOUT)))
                .observationRegistry(observations)
                .build();
    }

    /** One service's answer: its queues, a refusal of the token to pass on, or nothing (down, slow, broken). */
    private record Answer(String service, boolean answered, List<JsonNode> queues, HttpStatus refused,
                          String refusal) {
    }

    @GetMapping(PATH)
    Mono<ResponseEntity<Object>> list(@RequestHeader(HttpHeaders.AUTHORIZATION) String authorization,
                                      @RequestParam(defaultValue = "0") int page,
                                      @RequestParam(defaultValue = "20") int size) {
        List<Map<String, String>> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(Map.of("field", "page", "message", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_SIZE) {
            errors.add(Map.of("field", "size", "message", "must be between 1 and " + MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            Map<String, Object> problem = ProblemResponses.body(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                    "The request is not valid", errors.size() + " field(s) are invalid");
            problem.put("errors", errors);
            return Mono.just(problem(HttpStatus.BAD_REQUEST, problem));
        }
        return Flux.fromIterable(services.entrySet())
                .flatMap(service -> ask(service.getKey(), service.getValue(), authorization))
                .collectList()
                .map(answers -> merge(answers, page, size));
    }

    private Mono<Answer> ask(String service, URI base, String authorization) {
        return client.get()
                .uri(base.resolve(PATH + "?size=" + MAX_SIZE))
                .header(HttpHeaders.AUTHORIZATION, authorization)
                .accept(MediaType.APPLICATION_JSON)
                .exchangeToMono(response -> {
                    HttpStatus status = HttpStatus.resolve(response.statusCode().value());
                    if (status == HttpStatus.UNAUTHORIZED || status == HttpStatus.FORBIDDEN) {
                        return response.bodyToMono(String.class).defaultIfEmpty("")
                                .map(body -> new Answer(service, true, List.of(), status, body));
                    }
                    if (status != HttpStatus.OK) {
                        return response.releaseBody().thenReturn(unavailable(service));
                    }
                    return response.bodyToMono(String.class).map(body -> {
                        List<JsonNode> queues = new ArrayList<>();
                        json.readTree(body).path("items").forEach(queues::add);
                        return new Answer(service, true, queues, null, null);
                    });
                })
                .timeout(SERVICE_TIMEOUT)
                .onErrorResume(e -> Mono.just(unavailable(service)));
    }

    private static Answer unavailable(String service) {
        return new Answer(service, false, List.of(), null, null);
    }

    private ResponseEntity<Object> merge(List<Answer> answers, int page, int size) {
        for (Answer answer : answers) {
            if (answer.refused() != null) {
                // The service's own problem+json, as if the call had been routed to it.
                return ResponseEntity.status(answer.refused()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(answer.refusal());
            }
        }
        List<String> unavailable = answers.stream().filter(a -> !a.answered())
                .map(Answer::service).sorted().toList();
        if (unavailable.size() == services.size()) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemResponses.body(HttpStatus.SERVICE_UNAVAILABLE,
                    "SERVICE_UNAVAILABLE", "Service unavailable",
                    "No service answered; please retry later"));
        }
        List<JsonNode> all = answers.stream().flatMap(a -> a.queues().stream())
                .sorted(Comparator.comparing((JsonNode q) -> q.path("service").asString(""))
                        .thenComparing(q -> q.path("name").asString("")))
                .toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", all.stream().skip((long) page * size).limit(size).toList());
        body.put("page", page);
        body.put("size", size);
        body.put("total", all.size());
        body.put("unavailable", unavailable);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, Map<String, Object> problem) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
