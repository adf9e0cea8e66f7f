package io.provisio.platform.participant;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.devstack.TestNamespace;
import io.provisio.platform.PlatformTestApplication;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.time.AdjustableClock;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Finished step records go after their retention, once their replies have left; nothing else does. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"provisio.test-clock.enabled=true", "provisio.participant.retention=7d"})
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
class ParticipationSweeperIT {

    private static final String REPLIES = "sweeper-replies";

    @Autowired
    SagaParticipant participant;
    @Autowired
    ParticipationSweeper sweeper;
    @Autowired
    MessageCodec codec;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Clock clock;

    @AfterAll
    static void deleteExchanges() {
        TestNamespace.delete(List.of(), List.of(REPLIES));
    }

    @Test
    void deletesFinishedStepsPastTheirRetentionAndKeepsEverythingElse() {
        try (BrokerProbe broker = BrokerProbe.connect()) {
            broker.tap(REPLIES);
            Envelope old = command();
            participant.act(old, () -> new StepResult.Succeeded("ThingDone", "done"), () -> { });
            await().atMost(Duration.ofSeconds(20)).until(() -> outboxOf(old).isEmpty());
            String acting = "saga-" + UUID.randomUUID() + "/DO_THING";
            mongo.getCollection(SagaParticipant.COLLECTION).insertOne(new Document("_id", acting)
                    .append("state", "ACTING").append("startedAt", Date.from(clock.instant())));

            ((AdjustableClock) clock).advance(Duration.ofDays(8));
            Envelope recent = command();
            participant.act(recent, () -> new StepResult.Succeeded("ThingDone", "done"), () -> { });
            await().atMost(Duration.ofSeconds(20)).until(() -> outboxOf(recent).isEmpty());

            assertThat(sweeper.sweep()).isGreaterThanOrEqualTo(1);
            assertThat(participant.record(old.sagaId(), old.step())).isNull();
            assertThat(participant.record(recent.sagaId(), recent.step())).isNotNull();
            assertThat(mongo.getCollection(SagaParticipant.COLLECTION).find(new Document("_id", acting)).first())
                    .isNotNull();
        }
    }

    private List<?> outboxOf(Envelope command) {
        Document record = participant.record(command.sagaId(), command.step());
        return record == null ? List.of() : record.getList("outbox", Object.class, List.of());
    }

    private Envelope command() {
        return codec.command("DoThing", "saga-" + UUID.randomUUID(), "DO_THING", "p1", REPLIES, null, "thing");
    }
}
