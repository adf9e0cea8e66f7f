package io.provisio.customer.onboarding.domain;

/**
 * A participant's answer, reduced to what the saga decides on.
 *
 * @param activationRequired only for CREATE_ADMINISTRATOR: the administrator has no password yet
 */
public record StepReply(Step step, Outcome outcome, StepError error, boolean activationRequired) {

    public enum Outcome { SUCCEEDED, FAILED, COMPENSATED }

    public static StepReply succeeded(Step step) {
        return new StepReply(step, Outcome.SUCCEEDED, null, false);
    }

    public static StepReply failed(Step step, String code, String message) {
        return new StepReply(step, Outcome.FAILED, new StepError(code, message), false);
    }

    public static StepReply compensated(Step step) {
        return new StepReply(step, Outcome.COMPENSATED, null, false);
    }
}
