package io.provisio.gateway.observation;

import io.micrometer.common.KeyValue;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.cloud.gateway.filter.headers.observation.GatewayContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

class QuerylessGatewayObservationConventionTest {

    @Test
    void keepsTheActivationTokenOutOfTheProxiedCallsSpan() {
        MockServerHttpRequest request = MockServerHttpRequest
                .get("http://localhost:8082/activate?token=q5WlQw8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2E").build();
        GatewayContext context = new GatewayContext(new HttpHeaders(), request, MockServerWebExchange.from(request));

        assertThat(new QuerylessGatewayObservationConvention().getHighCardinalityKeyValues(context))
                .contains(KeyValue.of("http.uri", "http://localhost:8082/activate"))
                .noneMatch(keyValue -> keyValue.getValue().contains("q5WlQw8m3xY0"));
    }
}
