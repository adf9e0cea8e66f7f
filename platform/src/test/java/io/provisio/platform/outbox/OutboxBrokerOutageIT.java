package io.provisio.platform.outbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.CuttableProxy;
import io.provisio.devstack.Infrastructure;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.devstack.TestNamespace;
import io.provisio.platform.PlatformTestApplication;
import io.provisio.platform.messaging.MessageCodec;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15's "the relay survives a broker outage", against the real broker: this process reaches RabbitMQ
 * through a {@link CuttableProxy}, and the test cuts it. While the broker is away the messages wait in their
 * outboxes, the outage is logged once (not once per message or retry) and shown by the gauge
 * {@code provisio_outbox_publishing_failing}; when it is back they leave by themselves, in order, and the end
 * of the outage is logged once.
 */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = {TestInfrastructureInitializer.class, OutboxBrokerOutageIT.ThroughProxy.class})
class OutboxBrokerOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CHANNEL = "relay-outage";
    private static final CuttableProxy PROXY;

    static {
        URI broker = URI.create(Infrastructure.rabbitUri());
        PROXY = CuttableProxy.to(broker.getHost(), broker.getPort() < 0 ? 5672 : broker.getPort());
    }

    /** This context's broker connections go through the proxy; everything else is the shared infrastructure. */
    static final class ThroughProxy implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            URI broker = URI.create(Infrastructure.rabbitUri());
            String proxied = broker.getScheme() + "://" + broker.getRawUserInfo() + "@127.0.0.1:" + PROXY.port()
                    + (broker.getRawPath() == null ? "" : broker.getRawPath());
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("broker-through-proxy",
                    Map.of("spring.rabbitmq.addresses", proxied)));
        }
    }

    @Autowired
    OutboxStore outbox;
    @Autowired
    MessageCodec codec;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    MeterRegistry meters;

    private final BrokerProbe broker = BrokerProbe.connect();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger healthLog = (Logger) LoggerFactory.getLogger(PublishingHealth.class);

    @BeforeEach
    void captureTheOutageLog() {
        log.start();
        healthLog.addAppender(log);
    }

    @AfterEach
    void release() {
        healthLog.detachAppender(log);
        PROXY.restore();
        broker.close();
    }

    @AfterAll
    static void deleteExchangesAndProxy() {
        TestNamespace.delete(List.of(), List.of(CHANNEL, PlatformTestApplication.LOCAL));
        PROXY.close();
    }

    @Test
    void keepsMessagesThroughABrokerOutageLogsItOnceShowsItAndPublishesThemWhenTheBrokerIsBack() {
        // The broker is direct for the probe; only this service's own connections go through the proxy.
        String tap = broker.tap(CHANNEL);
        outbox.insert(PlatformTestApplication.AGGREGATES, new Document("_id", "outage-0"),
                List.of(message("outage-0/before")));
        assertThat(broker.receive(tap, WAIT).map(this::name)).contains("outage-0/before");

        PROXY.cut();
        double failuresBefore = meters.counter("provisio.outbox.publish.failures").count();
        for (int d = 1; d <= 3; d++) {
            outbox.insert(PlatformTestApplication.AGGREGATES, new Document("_id", "outage-" + d),
                    List.of(message("outage-" + d + "/a"), message("outage-" + d + "/b")));
        }

        await("the outage shown by the gauge").atMost(WAIT)
                .until(() -> meters.get("provisio.outbox.publishing.failing").gauge().value() == 1.0);
        // Several attempts later (the writer's and the relay's rounds), it still said so once.
        await("more attempts during the outage").atMost(WAIT)
                .until(() -> meters.counter("provisio.outbox.publish.failures").count() >= failuresBefore + 3);
        assertThat(broker.receive(tap, Duration.ofMillis(300))).as("nothing leaves while the broker is away")
                .isEmpty();
        for (int d = 1; d <= 3; d++) {
            assertThat(stored("outage-" + d).getList("outbox", Document.class)).as("outage-" + d + " keeps its messages")
                    .hasSize(2);
        }
        assertThat(lines(Level.WARN)).as("one warning for the whole outage").hasSize(1);
        assertThat(lines(Level.ERROR)).isEmpty();

        PROXY.restore();

        List<String> received = new ArrayList<>();
        await("every message published once the broker is back").atMost(WAIT).until(() -> {
            broker.receive(tap, Duration.ofMillis(200)).ifPresent(body -> received.add(name(body)));
            return received.size() >= 6;
        });
        for (int d = 1; d <= 3; d++) {
            String prefix = "outage-" + d + "/";
            assertThat(received.stream().filter(n -> n.startsWith(prefix)).toList()).as("in write order")
                    .containsExactly(prefix + "a", prefix + "b");
        }
        await("outboxes emptied and the gauge back to 0").atMost(WAIT).untilAsserted(() -> {
            for (int d = 1; d <= 3; d++) {
                assertThat(stored("outage-" + d).getList("outbox", Document.class)).isEmpty();
            }
            assertThat(meters.get("provisio.outbox.publishing.failing").gauge().value()).isZero();
        });
        assertThat(lines(Level.WARN)).hasSize(1);
        assertThat(lines(Level.INFO)).as("one line when it works again").singleElement().asString()
                .contains("works again");
    }

    /**
     * Awaits without failing on other threads' uncaught exceptions: when the cut kills a connection, Spring AMQP's
     * own executor, returning a confirm channel to its cache, throws one on its thread. That is the library's
     * housekeeping, not the outbox's behaviour, which this test asserts.
     */
    private static org.awaitility.core.ConditionFactory await(String alias) {
        return org.awaitility.Awaitility.await(alias).dontCatchUncaughtExceptions();
    }

    private List<String> lines(Level level) {
        return log.list.stream().filter(e -> e.getLevel() == level).map(ILoggingEvent::getFormattedMessage).toList();
    }

    private OutgoingMessage message(String name) {
        return OutgoingMessage.toConsumer(CHANNEL, codec.event("Named", "p1", null, new Payload(name)));
    }

    private String name(String body) {
        return codec.payload(codec.decode(body.getBytes(StandardCharsets.UTF_8)), Payload.class).name();
    }

    private Document stored(String id) {
        return mongo.getCollection(PlatformTestApplication.AGGREGATES).find(eq("_id", id)).first();
    }

    record Payload(String name) {
    }
}
