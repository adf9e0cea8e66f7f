package io.provisio.customer.onboarding.domain;

/** Why a step failed: a stable machine code (API.md's business failure codes) and a human message. */
public record StepError(String code, String message) {

    public static final String STEP_TIMEOUT = "STEP_TIMEOUT";
}
