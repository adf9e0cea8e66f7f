package io.provisio.platform.participant;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

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

import static org.assertj.core.api.Assertions.assertThat;

/** A participant's step under duplicates and an overtaking compensation, replies over the real broker. */
@SpringBootTest(classes = PlatformTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
class SagaParticipantIT {

    private static final String REPLIES = "participant-replies";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Autowired
    SagaParticipant participant;
    @Autowired
    MessageCodec codec;
    @Autowired
    MongoTemplate mongo;

    private final BrokerProbe broker = BrokerProbe.connect();
    /** How often the action ran, and whether its effect is in place (undos are idempotent: they clear it). */
    private final AtomicInteger actions = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean effect = new java.util.concurrent.atomic.AtomicBoolean();

    @AfterEach
    void closeProbe() {
        broker.close();
    }

    @AfterAll
    static void deleteExchanges() {
        TestNamespace.delete(List.of(), List.of(REPLIES));
    }

    @Test
    void aDuplicateCommandHasNoSecondEffectAndGetsTheSameReply() {
        String tap = broker.tap(REPLIES);
        Envelope command = command("DoThing");

        participant.act(command, this::effect, this::undo);
        participant.act(command, this::effect, this::undo);

        Envelope first = reply(tap);
        Envelope second = reply(tap);
        assertThat(actions).hasValue(1);
        assertThat(effect).isTrue();
        assertThat(second).isEqualTo(first);
        assertThat(first.type()).isEqualTo("ThingDone");
        assertThat(first.causationId()).isEqualTo(command.messageId());
        assertThat(first.sagaId()).isEqualTo(command.sagaId());
    }

    @Test
    void anActionArrivingAfterItsCompensationIsRefused() {
        String tap = broker.tap(REPLIES);
        Envelope action = command("DoThing");
        Envelope compensation = new Envelope(UUID.randomUUID().toString(), "UndoThing", action.sagaId(),
                action.step(), null, action.partnerId(), REPLIES, action.occurredAt(), null, action.payload());

        participant.compensate(compensation, this::undo, "ThingUndone", new Body("undone"));
        participant.act(action, this::effect, this::undo);

        assertThat(reply(tap).type()).isEqualTo("ThingUndone");
        assertThat(broker.receive(tap, Duration.ofSeconds(2))).as("no reply to the refused action").isEmpty();
        assertThat(actions).hasValue(0);
        assertThat(effect).isFalse();
        assertThat(participant.record(action.sagaId(), action.step()).getString("state")).isEqualTo("COMPENSATED");
    }

    @Test
    void aRejectedStepRepliesWithItsRejection() {
        String tap = broker.tap(REPLIES);

        participant.act(command("DoThing"), () -> new StepResult.Rejected("ThingRejected", new Body("NOPE")),
                this::undo);

        assertThat(reply(tap).type()).isEqualTo("ThingRejected");
        assertThat(effect).isFalse();
    }

    @Test
    void aDuplicateOfACommandWhoseFirstReplyNeverLeftGetsThatFirstReplyNotTheStoredCopy() {
        String tap = broker.tap(REPLIES);
        Envelope command = command("DoThing");
        Envelope first = codec.reply(command, "ThingDone", new Body("done, with a one-time secret"));
        Envelope kept = codec.reply(command, "ThingDone", new Body("done"));
        // The record as a participant killed after its DONE write, before the broker confirmed the reply, left it.
        mongo.getCollection(SagaParticipant.COLLECTION).insertOne(new Document("_id",
                command.sagaId() + "/" + command.step())
                .append("sagaId", command.sagaId()).append("step", command.step()).append("partnerId", "p1")
                .append("commandType", command.type()).append("state", "DONE").append("outcome", "SUCCEEDED")
                .append("reply", codec.encode(kept)).append("version", 1L)
                .append("outbox", List.of(new Document("entryId", UUID.randomUUID().toString())
                        .append("messageId", first.messageId()).append("channel", REPLIES)
                        .append("type", first.type()).append("traceparent", null)
                        .append("body", codec.encode(first)).append("createdAt", new Date())))
                .append("outboxPendingSince", new Date()));

        participant.act(command, this::effect, this::undo);

        assertThat(codec.payload(reply(tap), Body.class).value()).as("what the saga hears first")
                .isEqualTo("done, with a one-time secret");
        assertThat(actions).as("the step did not act again").hasValue(0);
    }

    private void undo() {
        effect.set(false);
    }

    private StepResult effect() {
        actions.incrementAndGet();
        effect.set(true);
        return new StepResult.Succeeded("ThingDone", new Body("done"));
    }

    private Envelope command(String type) {
        return codec.command(type, "saga-" + UUID.randomUUID(), "DO_THING", "p1", REPLIES, null,
                new Body("Tromsø"));
    }

    private Envelope reply(String tap) {
        String body = broker.receive(tap, WAIT).orElseThrow(() -> new AssertionError("no reply within " + WAIT));
        return codec.decode(body.getBytes(StandardCharsets.UTF_8));
    }

    record Body(String value) {
    }
}
