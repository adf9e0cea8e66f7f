package io.provisio.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.UUID;

import io.provisio.messages.MessageTypes;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds envelopes and turns them into JSON and back. Reply ids are derived from the command's
 * id, so a duplicate command yields a reply with the same id and downstream dedup stays trivial.
 * Every envelope built here carries the trace context of the span that builds it, when that span belongs to
 * the trace it is given ({@link MessageTracing#traceparentFor}), so a saga's messages form one trace.
 */
public final class MessageCodec {

    private final JsonMapper json;
    private final Clock clock;
    private final MessageTracing tracing;

    /** Without tracing: envelopes carry the traceparent they are given (tests). */
    public MessageCodec(JsonMapper json, Clock clock) {
        this(json, clock, MessageTracing.none());
    }

    public MessageCodec(JsonMapper json, Clock clock, MessageTracing tracing) {
        this.json = json;
        this.clock = clock;
        this.tracing = tracing;
    }

    /**
     * A command named by its contracts' registry (ADR 020).
     *
     * @param traceparent the trace the command belongs to (a saga's), or {@code null} for the current one
     */
    public <M> Envelope command(MessageTypes<M> types, String sagaId, String step, String partnerId, String replyTo,
                                String traceparent, M payload) {
        return command(types.nameOf(payload), sagaId, step, partnerId, replyTo, traceparent, payload);
    }

    /** A reply named by its contracts' registry; see {@link #reply(Envelope, String, Object)}. */
    public <M> Envelope reply(Envelope cause, MessageTypes<M> types, M payload) {
        return reply(cause, types.nameOf(payload), payload);
    }

    /** An event named by its contracts' registry; see {@link #event(String, String, String, Object)}. */
    public <M> Envelope event(MessageTypes<M> types, String partnerId, String traceparent, M payload) {
        return event(types.nameOf(payload), partnerId, traceparent, payload);
    }

    /**
     * With a wire name as given: for messages whose name was stored (a saga's pending command) and for tests that
     * write what an older or a foreign sender would. Name a new message through its registry instead.
     *
     * @param traceparent the trace the command belongs to (a saga's), or {@code null} for the current one
     */
    public Envelope command(String type, String sagaId, String step, String partnerId, String replyTo,
                            String traceparent, Object payload) {
        return new Envelope(UUID.randomUUID().toString(), type, sagaId, step, null, partnerId, replyTo,
                clock.instant(), tracing.traceparentFor(traceparent), json.valueToTree(payload));
    }

    /**
     * A reply to {@code cause}; its id is a function of the cause's id and the reply type. It continues the
     * span handling {@code cause}, or {@code cause}'s own trace context.
     */
    public Envelope reply(Envelope cause, String type, Object payload) {
        String id = UUID.nameUUIDFromBytes((cause.messageId() + "/" + type).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new Envelope(id, type, cause.sagaId(), cause.step(), cause.messageId(), cause.partnerId(), null,
                clock.instant(), tracing.traceparentFor(cause.traceparent()), json.valueToTree(payload));
    }

    /** @param traceparent the trace the event belongs to, or {@code null} for the current one */
    public Envelope event(String type, String partnerId, String traceparent, Object payload) {
        return new Envelope(UUID.randomUUID().toString(), type, null, null, null, partnerId, null,
                clock.instant(), tracing.traceparentFor(traceparent), json.valueToTree(payload));
    }

    /** The spans around the messages this codec builds and reads. */
    public MessageTracing tracing() {
        return tracing;
    }

    public String encode(Envelope envelope) {
        return json.writeValueAsString(envelope);
    }

    /**
     * @throws MalformedMessageException when the bytes are not an envelope; such a message can never
     *                                   succeed and belongs in the dead-letter queue
     */
    public Envelope decode(byte[] body) {
        try {
            Envelope envelope = json.readValue(body, Envelope.class);
            if (envelope.messageId() == null || envelope.type() == null) {
                throw new MalformedMessageException("envelope without messageId or type");
            }
            return envelope;
        } catch (JacksonException e) {
            throw new MalformedMessageException("not an envelope: " + e.getOriginalMessage());
        }
    }

    /**
     * The contract record the envelope carries, looked up by its wire name in {@code types} (ADR 020).
     *
     * @throws MalformedMessageException when {@code types} does not know the name or the payload does not fit the
     *                                   record: such a message can never succeed here
     */
    public <M> M payload(Envelope envelope, MessageTypes<M> types) {
        Class<? extends M> type = types.classOf(envelope.type()).orElseThrow(() -> new MalformedMessageException(
                "unknown message type " + envelope.type() + " (expected one of " + types + ")"));
        return payload(envelope, type);
    }

    public <T> T payload(Envelope envelope, Class<T> type) {
        try {
            return json.treeToValue(envelope.payload(), type);
        } catch (JacksonException e) {
            throw new MalformedMessageException(envelope.type() + " payload does not match " + type.getSimpleName()
                    + ": " + e.getOriginalMessage());
        }
    }
}
