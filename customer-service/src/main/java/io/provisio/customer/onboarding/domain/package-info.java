/**
 * The onboarding saga's state and decisions: no Spring, MongoDB or AMQP types (ADR 004). {@code OnboardingRequest}
 * and {@code OnboardingSaga} still name the participants' contract records (issue 11, item 4); ArchitectureTest lists
 * them and keeps every other domain class free of contracts.
 */
package io.provisio.customer.onboarding.domain;
