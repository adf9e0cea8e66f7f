package io.provisio.customer.onboarding.application;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.provisio.customer.onboarding.domain.SagaTimeouts;
import io.provisio.customer.onboarding.domain.Step;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param stepTimeout       how long a step may wait for its answer in all before it fails with STEP_TIMEOUT,
 *                          unless {@code stepTimeouts} names the step; never the point of no return
 * @param stepTimeouts      per-step overrides
 * @param resendAfter       how long an unanswered command (action or compensation) waits before it is sent
 *                          again; each further wait doubles, up to {@code resendMaxInterval}
 * @param resendMaxInterval the longest wait between two sends of one command
 * @param startupGrace      after the orchestrator starts, how long no step times out: replies queued while it
 *                          was down arrive first (commands are still sent again meanwhile)
 * @param dryRunTimeout     how long a dry run waits for identity and subscription to judge the request; the
 *                          partner's HTTP call waits this long at most when one of them is down
 */
@ConfigurationProperties("provisio.onboarding")
public record OnboardingProperties(
        @DefaultValue("15m") Duration stepTimeout,
        Map<Step, Duration> stepTimeouts,
        @DefaultValue("30s") Duration resendAfter,
        @DefaultValue("2m") Duration resendMaxInterval,
        @DefaultValue("2m") Duration startupGrace,
        @DefaultValue("3s") Duration dryRunTimeout) implements SagaTimeouts {

    public OnboardingProperties {
        stepTimeouts = stepTimeouts == null ? Map.of() : new EnumMap<>(stepTimeouts);
    }

    @Override
    public Duration forStep(Step step) {
        return stepTimeouts.getOrDefault(step, stepTimeout);
    }

    @Override
    public Duration resendAfter(int sent) {
        Duration wait = resendAfter.multipliedBy(1L << Math.min(Math.max(sent, 1) - 1, 20));
        return wait.compareTo(resendMaxInterval) > 0 ? resendMaxInterval : wait;
    }
}
