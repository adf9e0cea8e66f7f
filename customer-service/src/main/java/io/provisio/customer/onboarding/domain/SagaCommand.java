package io.provisio.customer.onboarding.domain;

/**
 * A command the saga wants sent, once its new state is stored.
 *
 * @param channel the owner's command channel
 * @param payload a contract record of the owner's contract module; its wire name comes from the owner's registry
 */
public record SagaCommand(Step step, String channel, Object payload) {
}
