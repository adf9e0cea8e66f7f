package io.provisio.customer.onboarding.application;

import java.util.Optional;

import io.provisio.customer.onboarding.domain.OnboardingStatus;
import io.provisio.platform.web.Page;
import org.springframework.stereotype.Service;

/** Read side of onboardings, always scoped by partner. */
@Service
public class OnboardingQueries {

    private final OnboardingRepository onboardings;

    OnboardingQueries(OnboardingRepository onboardings) {
        this.onboardings = onboardings;
    }

    public Page<OnboardingSummary> list(String partnerId, OnboardingStatus status, int page, int size) {
        return new Page<>(onboardings.list(partnerId, status, page, size), page, size,
                onboardings.count(partnerId, status));
    }

    /** The partner's onboarding, or empty when there is none (another partner's is none either). */
    public Optional<OnboardingSummary> get(String partnerId, String id) {
        return onboardings.summary(partnerId, id);
    }
}
