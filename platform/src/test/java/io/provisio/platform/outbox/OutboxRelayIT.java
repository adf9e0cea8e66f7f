package io.provisio.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.devstack.TestNamespace;
import io.provisio.platform.PlatformTestApplication;
import io.provisio.platform.consumer.FragileMongo;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.time.AdjustableClock;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The outbox against the real broker: published right after the write, recovered when nobody did,
 * kept while unroutable, and never published twice by two relays.
 */
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
    @Autowired
    MeterRegistry meters;

    private final BrokerProbe broker = BrokerProbe.connect();

    @AfterEach
    void closeProbe() {
        broker.close();
    }

    @AfterAll
    static void deleteExchanges() {
        TestNamespace.delete(List.of(), List.of("relay-confirmed", "relay-unroutable", "relay-shared", "relay-burst",
                "relay-orphan", "relay-nobody", "relay-beside-local", PlatformTestApplication.LOCAL,
                PlatformTestApplication.LOCAL_GATED));
    }

    @Test
    void publishesTheStateChangesMessagesAfterTheWriteAndEmptiesTheOutbox() {
        String tap = broker.tap("relay-confirmed");
        Envelope event = codec.event("SomethingHappened", "p1", null, new Payload("Müller & Söhne"));
        double publishedAtOnce = published("publisher");

        outbox.insert(PlatformTestApplication.AGGREGATES, new Document("_id", "agg-1").append("state", "NEW"),
                List.of(OutgoingMessage.toConsumer("relay-confirmed", event)));

        String received = broker.receive(tap, WAIT).orElseThrow();
        assertThat(codec.decode(received.getBytes(StandardCharsets.UTF_8))).isEqualTo(event);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(stored("agg-1").getList("outbox", Document.class)).isEmpty();
            assertThat(stored("agg-1")).doesNotContainKey(OutboxStore.PENDING_SINCE);
        });
        assertThat(published("publisher")).isGreaterThanOrEqualTo(publishedAtOnce + 1);
    }

    @Test
    void publishesEveryMessageOfManyConcurrentWritesInWriteOrderPerDocumentRepeatingOnlyWhatTheRelayRecovered() {
        String tap = broker.tap("relay-burst");
        double recoveredBefore = published("relay");
        int documents = 60;
        int updatesPerDocument = 5;
        List<CompletableFuture<Void>> writers = IntStream.range(0, documents).mapToObj(d -> CompletableFuture.runAsync(() -> {
            String id = "burst-" + d;
            outbox.insert(PlatformTestApplication.AGGREGATES, new Document("_id", id),
                    List.of(message("relay-burst", id + "/0")));
            for (int u = 1; u <= updatesPerDocument; u++) {
                assertThat(outbox.update(PlatformTestApplication.AGGREGATES, id, u - 1, new Document("step", u),
                        List.of(message("relay-burst", id + "/" + u)))).isTrue();
            }
        })).toList();
        CompletableFuture.allOf(writers.toArray(CompletableFuture[]::new)).join();

        List<String> received = new ArrayList<>();
        int expected = documents * (updatesPerDocument + 1);
        await().atMost(WAIT).until(() -> {
            drain(tap, body -> received.add(name(body)));
            return new HashSet<>(received).size() >= expected;
        });
        drain(tap, body -> received.add(name(body)));
        assertThat(broker.receive(tap, Duration.ofMillis(500))).isEmpty();
        assertThat(new HashSet<>(received)).hasSize(expected);
        // Exactly once while the publisher keeps up. A write still unsettled after recovery-age (3 s here; a machine
        // busy with other builds gets there) is also published by the relay, by design (at least once, ADR 007):
        // then every extra copy is one the relay sent.
        assertThat(received.size() - expected).as("copies beyond the first, each the relay's")
                .isLessThanOrEqualTo((int) (published("relay") - recoveredBefore));
        for (int d = 0; d < documents; d++) {
            String prefix = "burst-" + d + "/";
            assertThat(received.stream().filter(n -> n.startsWith(prefix)).distinct().toList())
                    .as("in write order, by first arrival")
                    .containsExactlyElementsOf(IntStream.rangeClosed(0, updatesPerDocument).mapToObj(u -> prefix + u).toList());
            await().atMost(WAIT).untilAsserted(() -> assertThat(stored(prefix.substring(0, prefix.length() - 1)))
                    .doesNotContainKey(OutboxStore.PENDING_SINCE));
        }
    }

    @Test
    void recoversWhatAProcessWroteButDiedBeforePublishing() {
        String tap = broker.tap("relay-orphan");
        double publishedInRecovery = published("relay");
        // As a writer leaves it when killed between its write and the publish: entries and marker, nothing sent.
        mongo.getCollection(PlatformTestApplication.AGGREGATES).insertOne(pending("orphan-1",
                Instant.now().minusSeconds(60), List.of(entry("relay-orphan", "orphan-1/a"), entry("relay-orphan", "orphan-1/b"))));

        // The relay's own rounds find it; nobody calls it here.
        List<String> received = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            broker.receive(tap, Duration.ofMillis(200)).ifPresent(body -> received.add(name(body)));
            return received.size() >= 2;
        });
        assertThat(received).containsExactly("orphan-1/a", "orphan-1/b");
        // Counted as the relay's, so a service whose messages leave this way shows it.
        assertThat(published("relay")).isGreaterThanOrEqualTo(publishedInRecovery + 2);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(stored("orphan-1").getList("outbox", Document.class)).isEmpty();
            assertThat(stored("orphan-1")).doesNotContainKeys(OutboxStore.PENDING_SINCE, PublishedEntries.LEASE_OWNER);
        });
    }

    @Test
    void handsAMessageToItsOwnChannelToTheLocalHandlerInsteadOfTheBroker() {
        String tap = broker.tap(PlatformTestApplication.LOCAL);
        OutgoingMessage message = message(PlatformTestApplication.LOCAL, "here-1");

        outbox.insert(PlatformTestApplication.AGGREGATES, new Document("_id", "local-1"), List.of(message));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(PlatformTestApplication.HANDLED_LOCALLY).extracting(Envelope::messageId)
                    .contains(message.envelope().messageId());
            assertThat(stored("local-1")).doesNotContainKey(OutboxStore.PENDING_SINCE);
        });
        assertThat(broker.receive(tap, Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void aLocalChannelsBacklogHoldsUpNeitherAnotherChannelNorWhatGoesToTheBroker() {
        String tap = broker.tap("relay-beside-local");
        // Where the relay puts a gated message that waited past recovery-age (a slow machine): the broker, not lost.
        broker.tap(PlatformTestApplication.LOCAL_GATED);
        int threads = properties.localDeliveryThreads();
        PlatformTestApplication.Gate gate = PlatformTestApplication.GATED;
        List<String> gated = IntStream.range(0, threads + 2).mapToObj(i -> "gated-" + i).toList();
        gate.close();
        try {
            gated.forEach(id -> outbox.insert(PlatformTestApplication.AGGREGATES, new Document("_id", id),
                    List.of(message(PlatformTestApplication.LOCAL_GATED, id))));
            // Every thread of the gated channel is taken, and the rest of its backlog waits for them ...
            await().atMost(WAIT).until(() -> gate.inside() == threads);

            // ... while the other channel's message and one for the broker leave and are settled at once.
            OutgoingMessage here = message(PlatformTestApplication.LOCAL, "here-3");
            outbox.insert(PlatformTestApplication.AGGREGATES, new Document("_id", "local-3"), List.of(here));
            outbox.insert(PlatformTestApplication.AGGREGATES, new Document("_id", "beside-1"),
                    List.of(message("relay-beside-local", "beside-1")));
            assertThat(broker.receive(tap, WAIT).map(this::name)).contains("beside-1");
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(PlatformTestApplication.HANDLED_LOCALLY).extracting(Envelope::messageId)
                        .contains(here.envelope().messageId());
                assertThat(stored("local-3")).doesNotContainKey(OutboxStore.PENDING_SINCE);
                assertThat(stored("beside-1")).doesNotContainKey(OutboxStore.PENDING_SINCE);
            });
            assertThat(gate.inside()).isEqualTo(threads);
        } finally {
            gate.open();
        }
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(gate.passed).containsAll(gated);
            gated.forEach(id -> assertThat(stored(id)).doesNotContainKey(OutboxStore.PENDING_SINCE));
        });
        assertThat(gate.mostInside()).isEqualTo(threads);
    }

    @Test
    void publishesToTheBrokerWhatTheLocalHandlerFailedOn() {
        String tap = broker.tap(PlatformTestApplication.LOCAL);
        outbox.insert(PlatformTestApplication.AGGREGATES, new Document("_id", "local-2"),
                List.of(message(PlatformTestApplication.LOCAL, "refuse-2")));

        // After recovery-age the relay takes it to the broker, where the service's ordinary consumer is.
        assertThat(broker.receive(tap, WAIT).map(this::name)).contains("refuse-2");
        await().atMost(WAIT).untilAsserted(() -> assertThat(stored("local-2"))
                .doesNotContainKey(OutboxStore.PENDING_SINCE));
    }

    @Test
    void keepsAnUnroutableMessageUntilAQueueIsBoundThenPublishesIt() {
        outbox.insert(PlatformTestApplication.AGGREGATES, new Document("_id", "agg-2"),
                List.of(message("relay-unroutable", "agg-2/a")));

        await().atMost(WAIT).until(() -> meters.counter("provisio.outbox.publish.failures").count() > 0
                && stored("agg-2").getList("outbox", Document.class).size() == 1);
        assertThat(stored("agg-2")).containsKey(OutboxStore.PENDING_SINCE);
        // Not an outage: messages of other documents keep leaving at once.
        assertThat(meters.get("provisio.outbox.publishing.failing").gauge().value()).isZero();

        String tap = broker.tap("relay-unroutable");
        assertThat(broker.receive(tap, WAIT)).isPresent();
        await().atMost(WAIT).untilAsserted(() -> assertThat(stored("agg-2").getList("outbox", Document.class))
                .isEmpty());
    }

    @Test
    void countsAMessageForOptionalSubscribersAsPublishedWhenNoQueueIsBound() {
        // With Routing.REQUIRED this entry would stay (see keepsAnUnroutableMessage...): nothing is bound to it.
        outbox.insert(PlatformTestApplication.AGGREGATES, new Document("_id", "agg-nobody"),
                List.of(OutgoingMessage.toSubscribers("relay-nobody",
                        codec.event("Named", "p1", null, new Payload("agg-nobody/a")))));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(stored("agg-nobody").getList("outbox", Document.class)).isEmpty();
            assertThat(stored("agg-nobody")).doesNotContainKey(OutboxStore.PENDING_SINCE);
        });
    }

    @Test
    void twoRelaysOnOneCollectionPublishEveryMessageOnce() {
        String tap = broker.tap("relay-shared");
        OutboxRelay second = new OutboxRelay(mongo, publisher, List.of(PlatformTestApplication.AGGREGATES),
                properties, Clock.systemUTC(), new OutboxMetrics(Clock.systemUTC(), new SimpleMeterRegistry()),
                new SimpleMeterRegistry());
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> "shared-" + i).toList();
        // Fresh, so the running relay leaves them alone; both relays here are told to take anything.
        for (String id : ids) {
            mongo.getCollection(PlatformTestApplication.AGGREGATES).insertOne(pending(id, Instant.now(),
                    List.of(entry("relay-shared", id))));
        }

        CompletableFuture.allOf(CompletableFuture.runAsync(() -> relay.relayPending(Duration.ZERO)),
                CompletableFuture.runAsync(() -> second.relayPending(Duration.ZERO))).join();

        Set<String> seen = ConcurrentHashMap.newKeySet();
        List<String> all = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            broker.receive(tap, Duration.ofMillis(200)).ifPresent(body -> {
                all.add(body);
                seen.add(name(body));
            });
            return seen.size() == ids.size();
        });
        assertThat(broker.receive(tap, Duration.ofMillis(500))).isEmpty();
        assertThat(all).hasSize(ids.size());
        assertThat(seen).isEqualTo(new HashSet<>(ids));
    }

    @Test
    void showsAStalledOutboxByTheAgeOfItsOldestMessageEvenWhileTheRelayCannotReadItsStore() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        AdjustableClock clock = new AdjustableClock(Clock.systemUTC());
        try (FragileMongo store = new FragileMongo()) {
            OutboxRelay stalled = new OutboxRelay(store.template(), publisher, List.of("stalled"), properties, clock,
                    new OutboxMetrics(clock, own), own);
            store.template().getCollection("stalled").insertOne(pending("stalled-1", clock.instant().minusSeconds(90),
                    List.of(entry("relay-stalled", "stalled-1/a"))));

            // A round that reads the store but publishes nothing yet (the message is younger than a day).
            stalled.relayPending(Duration.ofDays(1));
            assertThat(oldestPending(own)).isCloseTo(90, within(1.0));

            // The store goes away: rounds fail, are counted, and the age keeps growing instead of freezing.
            store.stop();
            assertThatThrownBy(stalled::round).isInstanceOf(RuntimeException.class);
            assertThatThrownBy(stalled::round).isInstanceOf(RuntimeException.class);
            clock.advance(Duration.ofMinutes(5));

            assertThat(own.get("provisio.outbox.relay.failures").counter().count()).isEqualTo(2);
            assertThat(oldestPending(own)).isCloseTo(390, within(1.0));
        }
    }

    private static double oldestPending(SimpleMeterRegistry registry) {
        return registry.get("provisio.outbox.oldest.pending").gauge().value();
    }

    /** Everything on the tap now: one message per poll would make the test, not the relay, the bottleneck. */
    private double published(String path) {
        return meters.get("provisio.outbox.published").tag("path", path).counter().count();
    }

    private void drain(String tap, java.util.function.Consumer<String> into) {
        for (var body = broker.receive(tap, Duration.ofMillis(100)); body.isPresent();
             body = broker.receive(tap, Duration.ofMillis(100))) {
            into.accept(body.get());
        }
    }

    private OutgoingMessage message(String channel, String name) {
        return OutgoingMessage.toConsumer(channel, codec.event("Named", "p1", null, new Payload(name)));
    }

    private Document entry(String channel, String name) {
        Envelope event = codec.event("Named", "p1", null, new Payload(name));
        return new Document("entryId", UUID.randomUUID().toString()).append("messageId", event.messageId())
                .append("channel", channel).append("type", event.type()).append("body", codec.encode(event))
                .append("createdAt", new Date());
    }

    private static Document pending(String id, Instant since, List<Document> entries) {
        return new Document("_id", id).append("version", 0L).append("outbox", entries)
                .append(OutboxStore.PENDING_SINCE, Date.from(since));
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
