package io.provisio.customer.onboarding.domain;

/**
 * A participant's answer, reduced to what the saga decides on.
 *
 * @param administrator only for a successful CREATE_ADMINISTRATOR: the account identity created
 */
public record StepReply(Step step, Outcome outcome, StepError error, AdministratorAccount administrator) {

    public enum Outcome { SUCCEEDED, FAILED, COMPENSATED }

    public static StepReply succeeded(Step step) {
        return new StepReply(step, Outcome.SUCCEEDED, null, null);
    }

    public static StepReply administratorCreated(AdministratorAccount administrator) {
        return new StepReply(Step.CREATE_ADMINISTRATOR, Outcome.SUCCEEDED, null, administrator);
    }

    public static StepReply failed(Step step, String code, String message) {
        return new StepReply(step, Outcome.FAILED, new StepError(code, message), null);
    }

    public static StepReply compensated(Step step) {
        return new StepReply(step, Outcome.COMPENSATED, null, null);
    }
}
