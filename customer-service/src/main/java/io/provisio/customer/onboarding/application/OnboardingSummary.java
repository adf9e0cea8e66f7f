package io.provisio.customer.onboarding.application;

import java.time.Instant;
import java.util.List;

import io.provisio.customer.onboarding.domain.Failure;
import io.provisio.customer.onboarding.domain.Onboarding;
import io.provisio.customer.onboarding.domain.OnboardingStatus;
import io.provisio.customer.onboarding.domain.StepState;

/**
 * What a partner sees of an onboarding: its state and timeline, without the request it carries. Partners
 * poll this while the saga runs, so it is read without decoding the stored request (ADR 007's bench: that
 * decoding was a sixth of a poll's cost).
 */
public record OnboardingSummary(String id, OnboardingStatus status, String customerId, String accountName,
                                List<StepState> steps, Failure failure, String traceId, Instant createdAt,
                                Instant updatedAt) {

    public static OnboardingSummary of(Onboarding o) {
        return new OnboardingSummary(o.id(), o.status(), o.customerId(), o.accountName(), o.steps(), o.failure(),
                o.traceId(), o.createdAt(), o.updatedAt());
    }
}
