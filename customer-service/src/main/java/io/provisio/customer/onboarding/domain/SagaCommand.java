package io.provisio.customer.onboarding.domain;

/**
 * A command the saga wants sent, once its new state is stored.
 *
 * @param channel the owner's command channel
 * @param payload a contract record of the owner's contract module
 */
public record SagaCommand(Step step, String channel, Object payload) {

    public String type() {
        return payload.getClass().getSimpleName();
    }
}
