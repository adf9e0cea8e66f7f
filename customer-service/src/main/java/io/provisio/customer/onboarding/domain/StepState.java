package io.provisio.customer.onboarding.domain;

import java.time.Instant;

/**
 * One step's place on the onboarding's timeline.
 *
 * @param error    why the step failed; on the running point of no return, why its last attempt was refused
 * @param deadline when the waiting step (RUNNING or COMPENSATING) next needs the saga: its command is sent
 *                 again, or it gives up
 * @param giveUpAt when a RUNNING step fails with STEP_TIMEOUT; {@code null} for the point of no return, which
 *                 never gives up, and for every other status
 * @param attempts commands sent for the step's current phase: actions while RUNNING, compensations while
 *                 COMPENSATING (both are sent again until answered)
 */
public record StepState(Step step, StepStatus status, Instant startedAt, Instant finishedAt, StepError error,
                        Instant deadline, Instant giveUpAt, int attempts) {

    /** In flight: its command (RUNNING) or its compensation (COMPENSATING) waits for an answer. */
    public boolean isWaiting() {
        return status == StepStatus.RUNNING || status == StepStatus.COMPENSATING;
    }

    static StepState pending(Step step) {
        return new StepState(step, StepStatus.PENDING, null, null, null, null, null, 0);
    }

    StepState running(Instant now, Instant resendAt, Instant giveUpAt) {
        return new StepState(step, StepStatus.RUNNING, now, null, null, resendAt, giveUpAt, 1);
    }

    StepState sentAgain(Instant resendAt) {
        return new StepState(step, status, startedAt, finishedAt, error, resendAt, giveUpAt, attempts + 1);
    }

    StepState refused(StepError refusal, Instant retryAt) {
        return new StepState(step, status, startedAt, finishedAt, refusal, retryAt, giveUpAt, attempts);
    }

    StepState succeeded(Instant now) {
        return new StepState(step, StepStatus.SUCCEEDED, startedAt, now, null, null, null, attempts);
    }

    StepState failed(Instant now, StepError error) {
        return new StepState(step, StepStatus.FAILED, startedAt, now, error, null, null, attempts);
    }

    /** The first compensation command, or one sent again: the count restarts when compensating starts. */
    StepState compensating(Instant deadline) {
        int sent = status == StepStatus.COMPENSATING ? attempts + 1 : 1;
        return new StepState(step, StepStatus.COMPENSATING, startedAt, finishedAt, error, deadline, null, sent);
    }

    StepState compensated(Instant now) {
        return new StepState(step, StepStatus.COMPENSATED, startedAt, now, error, null, null, attempts);
    }

    StepState skipped() {
        return new StepState(step, StepStatus.SKIPPED, null, null, null, null, null, 0);
    }
}
