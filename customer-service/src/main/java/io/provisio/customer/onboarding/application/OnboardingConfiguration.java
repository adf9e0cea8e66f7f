package io.provisio.customer.onboarding.application;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.customer.onboarding.domain.OnboardingSaga;
import io.provisio.customer.onboarding.domain.Step;
import io.provisio.platform.observability.SagaMetrics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({OnboardingProperties.class, IdempotencyProperties.class, BatchProperties.class})
class OnboardingConfiguration {

    @Bean
    OnboardingSaga onboardingSaga(OnboardingProperties properties) {
        return new OnboardingSaga(properties);
    }

    @Bean
    SagaMetrics onboardingSagaMetrics(MeterRegistry meters, OnboardingRepository onboardings, Clock clock) {
        return new SagaMetrics(meters, "onboarding", onboardings::countInFlight,
                // 4 sends: about 3.5 min without an answer with the default back-off (30 s, 60 s, 120 s).
                () -> onboardings.countStuck(clock.instant().minus(Duration.ofMinutes(1)), 4),
                Arrays.stream(Step.values()).collect(Collectors.toMap(Step::name, Step::failureCodes)));
    }
}
