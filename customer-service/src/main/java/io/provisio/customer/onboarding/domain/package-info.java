/**
 * The onboarding saga's state and decisions: no Spring, MongoDB or AMQP types (ADR 004), and no participant's
 * contract records. The saga keeps its own {@code OnboardingRequest} and decides in steps ({@code SagaCommand},
 * {@code SagaOutcome}); {@code onboarding.messaging.ParticipantCommands} says them in the participants' words.
 */
package io.provisio.customer.onboarding.domain;
