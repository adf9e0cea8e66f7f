package io.provisio.customer.onboarding.domain;

import java.time.Instant;

/**
 * One step's place on the onboarding's timeline.
 *
 * @param deadline     when the step stops waiting for its reply (RUNNING or COMPENSATING only)
 * @param attempts     compensation commands sent so far (a compensation is re-sent until it is answered)
 */
public record StepState(Step step, StepStatus status, Instant startedAt, Instant finishedAt, StepError error,
                        Instant deadline, int attempts) {

    static StepState pending(Step step) {
        return new StepState(step, StepStatus.PENDING, null, null, null, null, 0);
    }

    StepState running(Instant now, Instant deadline) {
        return new StepState(step, StepStatus.RUNNING, now, null, null, deadline, 0);
    }

    StepState succeeded(Instant now) {
        return new StepState(step, StepStatus.SUCCEEDED, startedAt, now, null, null, attempts);
    }

    StepState failed(Instant now, StepError error) {
        return new StepState(step, StepStatus.FAILED, startedAt, now, error, null, attempts);
    }

    StepState compensating(Instant deadline) {
        return new StepState(step, StepStatus.COMPENSATING, startedAt, finishedAt, error, deadline, attempts + 1);
    }

    StepState compensated(Instant now) {
        return new StepState(step, StepStatus.COMPENSATED, startedAt, now, error, null, attempts);
    }

    StepState skipped() {
        return new StepState(step, StepStatus.SKIPPED, null, null, null, null, 0);
    }
}
