package io.provisio.platform.participant;

import io.provisio.messages.MessageTypes;

/** What a participant's action answers: one reply type per outcome. */
public sealed interface StepResult {

    String replyType();

    Object payload();

    /** What the participant keeps to re-send on a duplicate command; the payload unless it holds a secret. */
    default Object storedPayload() {
        return payload();
    }

    /** The step's effect is durable; the reply is named by its contracts' registry (ADR 020). */
    static <M> Succeeded succeeded(MessageTypes<M> types, M reply) {
        return new Succeeded(types.nameOf(reply), reply);
    }

    /** As {@link #succeeded(MessageTypes, Object)}, keeping {@code stored} for re-sending instead of the reply. */
    static <M> Succeeded succeeded(MessageTypes<M> types, M reply, M stored) {
        return new Succeeded(types.nameOf(reply), reply, stored);
    }

    /** The step was refused; the reply is named by its contracts' registry (ADR 020). */
    static <M> Rejected rejected(MessageTypes<M> types, M reply) {
        return new Rejected(types.nameOf(reply), reply);
    }

    /**
     * The step's effect is durable.
     *
     * @param storedPayload the reply as kept for re-sending, e.g. without a one-time token that only the first
     *                      reply may carry (the original leaves through the outbox and is then gone)
     */
    record Succeeded(String replyType, Object payload, Object storedPayload) implements StepResult {

        public Succeeded(String replyType, Object payload) {
            this(replyType, payload, payload);
        }
    }

    /** The step was refused for a business reason and left no effect behind. */
    record Rejected(String replyType, Object payload) implements StepResult {
    }
}
