package io.provisio.customer.onboarding.application;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import io.provisio.customer.onboarding.domain.SagaTimeouts;
import io.provisio.customer.onboarding.domain.Step;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param stepTimeout        how long a step may take before it fails with STEP_TIMEOUT, unless
 *                           {@code stepTimeouts} names the step; long enough for a participant restart
 * @param stepTimeouts       per-step overrides
 * @param compensationRetry  how often an unanswered compensation is sent again (it never gives up)
 * @param dryRunTimeout      how long a dry run waits for identity and subscription to judge the request; the
 *                           partner's HTTP call waits this long at most when one of them is down
 */
@ConfigurationProperties("provisio.onboarding")
public record OnboardingProperties(
        @DefaultValue("60s") Duration stepTimeout,
        Map<Step, Duration> stepTimeouts,
        @DefaultValue("30s") Duration compensationRetry,
        @DefaultValue("3s") Duration dryRunTimeout) implements SagaTimeouts {

    public OnboardingProperties {
        stepTimeouts = stepTimeouts == null ? Map.of() : new EnumMap<>(stepTimeouts);
    }

    @Override
    public Duration forStep(Step step) {
        return stepTimeouts.getOrDefault(step, stepTimeout);
    }
}
