package io.provisio.platform.participant;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.messages.MessageTypes;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.outbox.OutgoingMessage;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Runs a participant's side of a saga step so that duplicates, crashes and races are harmless.
 *
 * <p>One record per saga and step ({@code saga_participations}) is the lock and the memory:
 * <ul>
 *   <li>ACTING: the action started; a redelivery after a crash runs the (idempotent) action again;</li>
 *   <li>DONE: the reply is stored; a duplicate command re-sends exactly that reply;</li>
 *   <li>COMPENSATING / COMPENSATED: the tombstone; an action arriving now is refused with no effect,
 *       and an action that was running when the compensation came undoes its own effect.</li>
 * </ul>
 * The reply is written to the record's outbox in the same update that marks it DONE; the record keeps
 * {@link StepResult#storedPayload()}, so a secret only the first reply carries leaves with the outbox entry.
 */
public final class SagaParticipant {

    public static final String COLLECTION = "saga_participations";

    private static final Logger log = LoggerFactory.getLogger(SagaParticipant.class);

    enum State { ACTING, DONE, COMPENSATING, COMPENSATED }

    private final MongoTemplate mongo;
    private final OutboxStore outbox;
    private final MessageCodec codec;
    private final Clock clock;
    private final MeterRegistry meters;

    public SagaParticipant(MongoTemplate mongo, OutboxStore outbox, MessageCodec codec, Clock clock,
                           MeterRegistry meters) {
        this.mongo = mongo;
        this.outbox = outbox;
        this.codec = codec;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Performs a step's action at most once in effect.
     *
     * @param command the command; its saga id, step and reply channel are required
     * @param action  does the work idempotently (keyed by the saga id) and says how it went
     * @param undo    removes the action's effect; used if a compensation overtook the action
     */
    public void act(Envelope command, Supplier<StepResult> action, Runnable undo) {
        String id = recordId(command);
        Document record = findOrStart(id, command);
        State state = State.valueOf(record.getString("state"));
        switch (state) {
            case COMPENSATING, COMPENSATED -> {
                log.info("Refused {} for saga {}: its step was already compensated", command.type(),
                        command.sagaId());
                // A redelivery of an action that acted after the compensation's undo, then crashed,
                // lands here: undo again (undos are idempotent) so nothing of it survives.
                undo.run();
                meters.counter("provisio.participant.refused", "type", command.type()).increment();
            }
            case DONE -> resend(record, "reply", command);
            case ACTING -> {
                StepResult result = action.get();
                Envelope reply = codec.reply(command, result.replyType(), result.payload());
                boolean finished = outbox.updateWhere(COLLECTION, and(eq("_id", id), eq("state", State.ACTING.name())),
                        new Document("state", State.DONE.name())
                                .append("outcome", result instanceof StepResult.Succeeded ? "SUCCEEDED" : "REJECTED")
                                .append("reply", codec.encode(stored(reply, command, result)))
                                .append("finishedAt", Date.from(clock.instant())),
                        List.of(OutgoingMessage.toConsumer(command.replyTo(), reply)));
                if (!finished) {
                    settleLostRace(id, command, undo);
                }
            }
        }
    }

    /**
     * Undoes a step idempotently and leaves a tombstone, whether or not the action ever ran.
     *
     * @param undo removes the action's effect, if any; must be safe to run more than once
     */
    public void compensate(Envelope command, Runnable undo, String replyType, Object replyPayload) {
        compensate(command, undo, replyType, () -> replyPayload);
    }

    /** As {@link #compensate(Envelope, Runnable, String, Object)}, the reply named by its contracts' registry. */
    public <M> void compensate(Envelope command, Runnable undo, MessageTypes<M> types, M reply) {
        compensate(command, undo, types.nameOf(reply), () -> reply);
    }

    /** As {@link #compensate(Envelope, Runnable, String, Object)}, the reply built after the undo ran. */
    public void compensate(Envelope command, Runnable undo, String replyType, Supplier<Object> replyPayload) {
        String id = recordId(command);
        Document record = mongo.getCollection(COLLECTION).find(eq("_id", id)).first();
        if (record != null && State.COMPENSATED.name().equals(record.getString("state"))) {
            resend(record, "compensationReply", command);
            return;
        }
        // The tombstone goes first: from here on a late action is refused or undoes itself.
        mongo.getCollection(COLLECTION).updateOne(eq("_id", id),
                new Document("$set", new Document("state", State.COMPENSATING.name())
                        .append("sagaId", command.sagaId()).append("step", command.step())
                        .append("partnerId", command.partnerId())
                        .append("compensationRequestedAt", Date.from(clock.instant())))
                        .append("$setOnInsert", new Document("version", 0L)),
                new com.mongodb.client.model.UpdateOptions().upsert(true));
        undo.run();
        Envelope reply = codec.reply(command, replyType, replyPayload.get());
        outbox.updateWhere(COLLECTION, eq("_id", id),
                new Document("state", State.COMPENSATED.name())
                        .append("compensationReply", codec.encode(reply))
                        .append("compensatedAt", Date.from(clock.instant())),
                List.of(OutgoingMessage.toConsumer(command.replyTo(), reply)));
    }

    /** The reply kept for duplicates: same id and type, the payload the result wants kept. */
    private Envelope stored(Envelope reply, Envelope command, StepResult result) {
        if (result.storedPayload() == result.payload()) {
            return reply;
        }
        return codec.reply(command, result.replyType(), result.storedPayload());
    }

    /**
     * The step's record, started here if this is the command's first delivery. The insert comes first: nearly
     * every command is new, and the unique {@code _id} decides between concurrent copies, so a first delivery
     * costs one round trip and only a duplicate pays a second one to read the record it lost to.
     */
    private Document findOrStart(String id, Envelope command) {
        Document start = new Document("_id", id)
                .append("sagaId", command.sagaId())
                .append("step", command.step())
                .append("partnerId", command.partnerId())
                .append("commandType", command.type())
                .append("state", State.ACTING.name())
                .append("startedAt", Date.from(clock.instant()));
        try {
            outbox.insert(COLLECTION, start, List.of());
            return start;
        } catch (RuntimeException e) {
            if (!MongoWrites.isDuplicateKey(e)) {
                throw e;
            }
            // A duplicate delivery, on this replica or another, or a compensation's tombstone came first.
            return mongo.getCollection(COLLECTION).find(eq("_id", id)).first();
        }
    }

    private void settleLostRace(String id, Envelope command, Runnable undo) {
        Document now = mongo.getCollection(COLLECTION).find(eq("_id", id)).first();
        State state = State.valueOf(now.getString("state"));
        if (state == State.COMPENSATING || state == State.COMPENSATED) {
            log.info("Compensation of saga {} overtook {}: undoing its effect", command.sagaId(), command.type());
            undo.run();
        }
        // DONE: a duplicate of the command finished first and its reply is on its way.
    }

    private void resend(Document record, String replyField, Envelope command) {
        String storedReply = record.getString(replyField);
        if (storedReply == null) {
            return;
        }
        // The first reply has not left yet (this process died before the broker confirmed it): publish it now.
        // The stored copy may lack what only the first carries (an activation token), and would overtake it.
        if (outbox.republishPending(COLLECTION, record)) {
            log.info("Duplicate {} for saga {}: its first reply has not left yet; publishing it now", command.type(),
                    command.sagaId());
            return;
        }
        Envelope reply = codec.decode(storedReply.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        log.info("Duplicate {} for saga {}: re-sending reply {}", command.type(), command.sagaId(), reply.type());
        outbox.append(COLLECTION, record.get("_id"), List.of(OutgoingMessage.toConsumer(command.replyTo(), reply)));
    }

    private static String recordId(Envelope command) {
        if (command.sagaId() == null || command.step() == null || command.replyTo() == null) {
            throw new MalformedMessageException(command.type() + " without saga id, step or reply channel");
        }
        return command.sagaId() + "/" + command.step();
    }

    /** Exposed for tests and operators: the participant's view of a saga step. */
    public Document record(String sagaId, String step) {
        return mongo.getCollection(COLLECTION).find(and(eq("_id", sagaId + "/" + step))).first();
    }
}
