package io.provisio.customer.onboarding.domain;

import java.time.Instant;
import java.util.List;

/**
 * How an onboarding ended, announced to every service once the state that says so is stored (in the same write). The
 * messaging adapter publishes it as the customer contract's event.
 */
public sealed interface SagaOutcome {

    String onboardingId();

    /**
     * @param setup     who completes setup, or {@code null}
     * @param planCodes the plans the customer now holds
     */
    record Completed(String onboardingId, String customerId, Instant completedAt, OnboardingRequest.Setup setup,
                     List<String> planCodes) implements SagaOutcome {
    }

    /**
     * Announced once everything that may have acted is undone.
     *
     * @param step the step that failed, or {@code null}
     */
    record Failed(String onboardingId, String customerId, Step step, String code, String message, Instant failedAt)
            implements SagaOutcome {
    }
}
