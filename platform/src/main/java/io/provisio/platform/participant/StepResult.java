package io.provisio.platform.participant;

/** What a participant's action answers: one reply type per outcome. */
public sealed interface StepResult {

    String replyType();

    Object payload();

    /** What the participant keeps to re-send on a duplicate command; the payload unless it holds a secret. */
    default Object storedPayload() {
        return payload();
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
