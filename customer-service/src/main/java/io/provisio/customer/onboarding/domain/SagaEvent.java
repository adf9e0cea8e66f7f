package io.provisio.customer.onboarding.domain;

import java.time.Duration;

/** What happened in one decision, for metrics and logs. */
public sealed interface SagaEvent {

    record StepFinished(Step step, StepStatus outcome, Duration duration) implements SagaEvent {
    }

    record SagaFinished(OnboardingStatus outcome, Failure failure, Duration duration) implements SagaEvent {
    }
}
