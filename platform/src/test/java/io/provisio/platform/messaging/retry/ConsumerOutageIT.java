package io.provisio.platform.messaging.retry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.devstack.TestNamespace;
import io.provisio.platform.consumer.ConsumerTest;
import io.provisio.platform.consumer.ConsumerTestApplication;
import io.provisio.platform.consumer.FragileMongo;
import io.provisio.platform.consumer.TestConsumers;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An unreachable store never dead-letters a message: each consumer of the binding holds the one it has, takes
 * nothing else, and handles it once the store is back, long after the bounded attempts (5 over about 7.5 s) would
 * have run out. Poison still goes to the DLQ at once, and a shutdown during an outage gives the message back to the
 * queue, where the next consumer finds it marked redelivered ({@code provisio_messaging_redeliveries_total}).
 */
@ConsumerTest
class ConsumerOutageIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String STEADY_QUEUE = TestNamespace.current() + ConsumerTest.STEADY + "." + ConsumerTest.GROUP;

    @Autowired
    TestConsumers consumers;
    @Autowired
    FragileMongo store;
    @Autowired
    MessageCodec codec;
    @Autowired
    MeterRegistry meters;
    @Autowired
    ConnectionFactory rabbit;
    @Value("${spring.cloud.stream.default.consumer.concurrency}")
    int consumersPerBinding;

    private final BrokerProbe broker = BrokerProbe.connect();

    @AfterEach
    void restoreStore() {
        store.start();
        broker.close();
    }

    @Test
    void holdsTheMessagesThroughAStoreOutageLongerThanTheRetryBudgetAndHandlesThemOnceWhenTheStoreIsBack() {
        // Each of the binding's consumers holds one message; none takes another while it waits.
        List<Envelope> held = IntStream.range(0, consumersPerBinding).mapToObj(i -> event("CustomerSuspended")).toList();
        Envelope next = event("CustomerSuspended");
        store.stop();
        Instant outageBegan = Instant.now();

        held.forEach(message -> broker.publish(ConsumerTest.STEADY, codec.encode(message)));
        broker.publish(ConsumerTest.STEADY, codec.encode(next));

        // Past the old budget in attempts and in time: until now the fifth failure dead-lettered it.
        await().atMost(WAIT).until(() -> held.stream().allMatch(m -> consumers.attempts(m.messageId()) > 8)
                && Duration.between(outageBegan, Instant.now()).compareTo(Duration.ofSeconds(9)) > 0);
        assertThat(consumers.attempts(next.messageId())).as("no consumer takes anything new meanwhile").isZero();
        assertThat(meters.get("provisio.messaging.consumers.waiting").gauge().value()).isEqualTo(consumersPerBinding);
        assertThat(depth(STEADY_QUEUE + ".dlq")).isZero();

        store.start();

        await().atMost(WAIT).until(() -> held.stream().allMatch(m -> consumers.completions(m.messageId()) == 1)
                && consumers.completions(next.messageId()) == 1);
        List<String> order = consumers.attemptOrder();
        assertThat(order.indexOf(next.messageId())).as("taken only once a held message was done")
                .isGreaterThan(held.stream().mapToInt(m -> order.lastIndexOf(m.messageId())).min().orElseThrow());
        assertThat(meters.get("provisio.messaging.consumers.waiting").gauge().value()).isZero();
        assertThat(depth(STEADY_QUEUE + ".dlq")).isZero();
        assertThat(depth(STEADY_QUEUE)).isZero();
    }

    @Test
    void deadLettersAMessageOfUnknownTypeAtOnce() {
        Envelope unknown = event(TestConsumers.UNKNOWN_TYPE);

        broker.publish(ConsumerTest.STEADY, codec.encode(unknown));

        // At once: well inside the first back-off (500 ms) of the bounded attempts.
        Optional<String> dead = broker.receive(STEADY_QUEUE + ".dlq", Duration.ofSeconds(10));
        assertThat(dead).isPresent();
        assertThat(codec.decode(dead.get().getBytes(StandardCharsets.UTF_8)).messageId()).isEqualTo(unknown.messageId());
        assertThat(consumers.attempts(unknown.messageId())).isEqualTo(1);
    }

    @Test
    void deadLettersAMessageThatIsNoEnvelopeAtOnce() {
        String garbage = "{\"not\":\"an envelope\"," + UUID.randomUUID() + "}";
        Instant sent = Instant.now();

        broker.publish(ConsumerTest.STEADY, garbage);

        assertThat(broker.receive(STEADY_QUEUE + ".dlq", Duration.ofSeconds(10))).contains(garbage);
        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void givesTheMessageBackToTheQueueWhenStoppedDuringAnOutageAndTheNextConsumerCountsItsRedelivery() {
        String channel = "consumer-shutdown";
        String queue = TestNamespace.current() + channel + "." + ConsumerTest.GROUP;
        ConfigurableApplicationContext replica = startReplicaConsuming(channel);
        try {
            TestConsumers replicaConsumers = replica.getBean(TestConsumers.class);
            ConsumerOutages replicaOutages = replica.getBean(ConsumerOutages.class);
            replica.getBean(FragileMongo.class).stop();
            Envelope held = event("UserDeleted");

            broker.publish(channel, codec.encode(held));
            await().atMost(WAIT).until(() -> replicaConsumers.attempts(held.messageId()) >= 2
                    && replicaOutages.waiting() == 1);
            Instant closing = Instant.now();
            replica.close();

            assertThat(Duration.between(closing, Instant.now())).isLessThan(Duration.ofSeconds(10));
            assertThat(replicaOutages.waiting()).isZero();
            assertThat(replicaConsumers.completions(held.messageId())).isZero();
            await().atMost(WAIT).until(() -> depth(queue) == 1);
            assertThat(depth(queue + ".dlq")).isZero();

            // The next consumer gets it marked redelivered, handles it once, and counts the redelivery.
            try (ConfigurableApplicationContext next = startReplicaConsuming(channel)) {
                await().atMost(WAIT).until(() -> next.getBean(TestConsumers.class).completions(held.messageId()) == 1);
                assertThat(next.getBean(MeterRegistry.class).get("provisio.messaging.redeliveries")
                        .tag("queue", queue).counter().count()).isEqualTo(1);
            }
        } finally {
            replica.close();
            TestNamespace.delete(List.of(channel + "." + ConsumerTest.GROUP), List.of(channel));
        }
    }

    /** A second instance of the application, alone on its own channel, that this test can stop. */
    private static ConfigurableApplicationContext startReplicaConsuming(String channel) {
        return new SpringApplicationBuilder(ConsumerTestApplication.class)
                .web(WebApplicationType.NONE)
                .initializers(new TestInfrastructureInitializer())
                .properties(Map.of(
                        "spring.cloud.function.definition", "steady",
                        "spring.cloud.stream.bindings.steady-in-0.destination",
                        "${provisio.messaging.namespace}" + channel,
                        "provisio.messaging.outage-retry.initial-interval", "100ms",
                        "provisio.messaging.outage-retry.max-interval", "500ms"))
                .run();
    }

    private long depth(String queue) {
        QueueInformation information = new RabbitAdmin(rabbit).getQueueInfo(queue);
        return information == null ? -1 : information.getMessageCount();
    }

    private Envelope event(String type) {
        return codec.event(type, "nordic-it", null, Map.of("customerId", "c-" + UUID.randomUUID()));
    }
}
