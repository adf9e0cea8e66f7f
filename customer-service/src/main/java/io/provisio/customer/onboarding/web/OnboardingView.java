package io.provisio.customer.onboarding.web;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.provisio.customer.onboarding.application.OnboardingSummary;
import io.provisio.customer.onboarding.domain.StepState;

/** The onboarding resource of API.md. */
record OnboardingView(
        String id,
        String status,
        String customerId,
        String accountName,
        List<StepView> steps,
        FailureView failure,
        String traceId,
        Instant createdAt,
        Instant updatedAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StepView(String name, String status, Instant startedAt, Instant finishedAt, ErrorView error) {
    }

    record ErrorView(String code, String message) {
    }

    record FailureView(String step, String code, String message) {
    }

    static OnboardingView of(OnboardingSummary o) {
        return new OnboardingView(o.id(), o.status().name(), o.customerId(), o.accountName(),
                o.steps().stream().map(OnboardingView::step).toList(),
                o.failure() == null ? null
                        : new FailureView(o.failure().step().name(), o.failure().code(), o.failure().message()),
                o.traceId(), o.createdAt(), o.updatedAt());
    }

    private static StepView step(StepState s) {
        return new StepView(s.step().name(), s.status().name(), s.startedAt(), s.finishedAt(),
                s.error() == null ? null : new ErrorView(s.error().code(), s.error().message()));
    }
}
