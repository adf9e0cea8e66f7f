package io.provisio.customer.onboarding.domain;

/** The onboarding's failure: the step that failed and why. */
public record Failure(Step step, String code, String message) {
}
