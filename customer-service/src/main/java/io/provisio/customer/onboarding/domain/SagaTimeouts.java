package io.provisio.customer.onboarding.domain;

import java.time.Duration;

/**
 * When the saga sends an unanswered command again, and when it gives up on a step. A busy or restarting
 * participant only delays an onboarding: its command is sent again with back-off (the participants are
 * idempotent), and only the long per-step deadline fails the step with STEP_TIMEOUT.
 */
public interface SagaTimeouts {

    /** How long a step may wait for its answer in all; never applies to the point of no return. */
    Duration forStep(Step step);

    /** How long to wait after the {@code sent}-th command of a step (1, 2, ...) before sending it again. */
    Duration resendAfter(int sent);
}
