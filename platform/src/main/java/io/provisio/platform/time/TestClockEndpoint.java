package io.provisio.platform.time;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/testclock} on the management port, for tests only: read the service's time, or
 * {@code POST {"by":"PT73H"}} to move it forward. Exists only with {@code provisio.test-clock.enabled=true}.
 */
@Endpoint(id = "testclock")
public class TestClockEndpoint {

    private final AdjustableClock clock;

    public TestClockEndpoint(AdjustableClock clock) {
        this.clock = clock;
    }

    @ReadOperation
    public Map<String, String> now() {
        return Map.of("now", clock.instant().toString(), "offset", clock.offset().toString());
    }

    @WriteOperation
    public Map<String, String> advance(String by) {
        clock.advance(Duration.parse(by));
        return now();
    }
}
