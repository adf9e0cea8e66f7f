package io.provisio.customer.onboarding.domain;

/** {@code IN_PROGRESS → COMPLETED}, or {@code IN_PROGRESS → COMPENSATING → FAILED}. */
public enum OnboardingStatus {
    IN_PROGRESS, COMPENSATING, COMPLETED, FAILED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }
}
