package io.provisio.platform;

import io.provisio.platform.config.OutboxCollection;
import io.provisio.platform.outbox.LocalChannel;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A bare application with the platform's auto-configuration, for the platform's own ITs. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class PlatformTestApplication {

    public static final String AGGREGATES = "test_aggregates";

    /** What the test's local channel handled; {@link #LOCAL_FAILING} fails while it holds "fail". */
    public static final java.util.List<io.provisio.platform.messaging.Envelope> HANDLED_LOCALLY =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    public static final String LOCAL = "local-echo";

    @Bean
    OutboxCollection testAggregates() {
        return new OutboxCollection(AGGREGATES);
    }

    /** A channel this process consumes itself; a message whose payload names "refuse" makes it fail. */
    @Bean
    LocalChannel localEcho() {
        return new LocalChannel(LOCAL, envelope -> {
            if (envelope.payload().path("name").asString().startsWith("refuse")) {
                throw new IllegalStateException("refused by the test");
            }
            HANDLED_LOCALLY.add(envelope);
        });
    }
}
