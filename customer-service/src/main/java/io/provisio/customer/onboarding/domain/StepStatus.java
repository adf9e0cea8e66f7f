package io.provisio.customer.onboarding.domain;

/** A step's status as API.md shows it. */
public enum StepStatus {
    PENDING, RUNNING, SUCCEEDED, FAILED, COMPENSATING, COMPENSATED, SKIPPED
}
