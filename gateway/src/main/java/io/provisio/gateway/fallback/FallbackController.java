package io.provisio.gateway.fallback;

import java.util.Map;

import io.provisio.gateway.problem.ProblemResponses;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Target of the routes' {@code CircuitBreaker} filters ({@code fallbackUri: forward:/fallback/<service>}): the
 * backend is down, too slow, or its circuit is open. The answer names no service, host or exception, so a
 * caller learns nothing about the inside. Only forwards reach it: the edge security denies the path to clients.
 */
@RestController
class FallbackController {

    @RequestMapping("/fallback/{service}")
    ResponseEntity<Map<String, Object>> unavailable(@PathVariable String service) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.body(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                        "Service unavailable", "The service is temporarily unavailable; please retry later"));
    }
}
