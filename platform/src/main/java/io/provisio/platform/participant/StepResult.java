package io.provisio.platform.participant;

/** What a participant's action answers: one reply type per outcome. */
public sealed interface StepResult {

    String replyType();

    Object payload();

    /** The step's effect is durable. */
    record Succeeded(String replyType, Object payload) implements StepResult {
    }

    /** The step was refused for a business reason and left no effect behind. */
    record Rejected(String replyType, Object payload) implements StepResult {
    }
}
