package io.provisio.customer.onboarding.domain;

/**
 * A command the saga wants sent, once its new state is stored: a step's action, or its compensation. Which
 * participant gets it, and as which wire record, is the messaging adapter's business; it reads what the command
 * carries from the onboarding as stored with it.
 *
 * @param compensation true for the step's undo, false for its action
 */
public record SagaCommand(Step step, boolean compensation) {

    public static SagaCommand action(Step step) {
        return new SagaCommand(step, false);
    }

    public static SagaCommand compensation(Step step) {
        return new SagaCommand(step, true);
    }
}
