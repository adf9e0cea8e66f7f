package io.provisio.platform.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.devstack.TestNamespace;
import io.provisio.platform.PlatformTestApplication;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox against the real broker: confirms, returns, and two relays sharing one collection. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
class OutboxRelayIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    OutboxStore outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    ConfirmingPublisher publisher;
    @Autowired
    OutboxProperties properties;
    @Autowired
    MessageCodec codec;
    @Autowired
    MongoTemplate mongo;

    private final BrokerProbe broker = BrokerProbe.connect();

    @AfterEach
    void closeProbe() {
        broker.close();
    }

    @AfterAll
    static void deleteExchanges() {
        TestNamespace.delete(List.of(), List.of("relay-confirmed", "relay-unroutable", "relay-shared"));
    }

    @Test
    void publishesTheStateChangesMessagesAfterTheWriteAndEmptiesTheOutbox() {
        String tap = broker.tap("relay-confirmed");
        Envelope event = codec.event("SomethingHappened", "p1", null, new Payload("Müller & Söhne"));

        outbox.insert(PlatformTestApplication.AGGREGATES, new Document("_id", "agg-1").append("state", "NEW"),
                List.of(new OutgoingMessage("relay-confirmed", event)));

        String received = broker.receive(tap, WAIT).orElseThrow();
        assertThat(codec.decode(received.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(event);
        await().atMost(WAIT).untilAsserted(() -> assertThat(stored("agg-1").getList("outbox", Document.class))
                .isEmpty());
    }

    @Test
    void keepsAnUnroutableMessageUntilAQueueIsBoundThenPublishesIt() {
        Envelope event = codec.event("NobodyListens", "p1", null, new Payload("Città di Castello"));
        outbox.insert(PlatformTestApplication.AGGREGATES, new Document("_id", "agg-2"),
                List.of(new OutgoingMessage("relay-unroutable", event)));

        await().atMost(WAIT).until(() -> relay.relayPending() == 0
                && stored("agg-2").getList("outbox", Document.class).size() == 1);

        String tap = broker.tap("relay-unroutable");
        assertThat(broker.receive(tap, WAIT)).isPresent();
        await().atMost(WAIT).untilAsserted(() -> assertThat(stored("agg-2").getList("outbox", Document.class))
                .isEmpty());
    }

    @Test
    void twoRelaysOnOneCollectionPublishEveryMessageOnce() {
        String tap = broker.tap("relay-shared");
        OutboxRelay second = new OutboxRelay(mongo, publisher, List.of(PlatformTestApplication.AGGREGATES),
                properties, Clock.systemUTC(), new SimpleMeterRegistry());
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> "shared-" + i).toList();
        for (String id : ids) {
            mongo.getCollection(PlatformTestApplication.AGGREGATES).insertOne(new Document("_id", id)
                    .append("version", 0L)
                    .append("outbox", List.of(new Document("messageId", id).append("channel", "relay-shared")
                            .append("type", "Shared").append("body", codec.encode(
                                    codec.event("Shared", "p1", null, new Payload(id))))
                            .append("createdAt", new java.util.Date()))));
        }

        CompletableFuture.allOf(CompletableFuture.runAsync(relay::relayPending),
                CompletableFuture.runAsync(second::relayPending)).join();

        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> all = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            broker.receive(tap, Duration.ofMillis(200)).ifPresent(body -> {
                all.add(body);
                seen.add(codec.payload(codec.decode(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        Payload.class).name());
            });
            return seen.size() == ids.size();
        });
        assertThat(broker.receive(tap, Duration.ofMillis(500))).isEmpty();
        assertThat(all).hasSize(ids.size());
        assertThat(seen).isEqualTo(new HashSet<>(ids));
    }

    private Document stored(String id) {
        return mongo.getCollection(PlatformTestApplication.AGGREGATES).find(eq("_id", id)).first();
    }

    record Payload(String name) {
    }
}
