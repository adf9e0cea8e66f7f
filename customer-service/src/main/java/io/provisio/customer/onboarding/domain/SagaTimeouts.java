package io.provisio.customer.onboarding.domain;

import java.time.Duration;

/** How long the saga waits for each step's reply, and how often it re-sends an unanswered compensation. */
public interface SagaTimeouts {

    Duration forStep(Step step);

    Duration compensationRetry();
}
