package io.provisio.customer.onboarding.domain;

/** Why a step failed: a stable machine code (API.md's business failure codes) and a human message. */
public record StepError(String code, String message) {

    public static final String STEP_TIMEOUT = "STEP_TIMEOUT";
    /** An operator compensated the onboarding while this step ran (POST /api/v1/operator/onboardings/{id}/compensate). */
    public static final String OPERATOR_ABORTED = "OPERATOR_ABORTED";

    /**
     * Whether the failed step may still have acted: its owner never answered (a time-out, or an operator stopped
     * waiting), so its command may be queued or half done, and compensation must undo that step too.
     */
    public boolean mayHaveActed() {
        return STEP_TIMEOUT.equals(code) || OPERATOR_ABORTED.equals(code);
    }
}
