package io.provisio.platform;

import io.provisio.platform.config.OutboxCollection;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A bare application with the platform's auto-configuration, for the platform's own ITs. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class PlatformTestApplication {

    public static final String AGGREGATES = "test_aggregates";

    @Bean
    OutboxCollection testAggregates() {
        return new OutboxCollection(AGGREGATES);
    }
}
