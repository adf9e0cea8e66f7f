package io.provisio.customer.drafts.scheduling;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.customer.drafts.application.DraftProperties;
import io.provisio.customer.drafts.application.OnboardingDrafts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DraftProperties.class)
class DraftSchedulingConfiguration {

    @Bean
    DraftRetention draftRetention(OnboardingDrafts drafts, DraftProperties properties, Clock clock,
                                  MeterRegistry meters) {
        return new DraftRetention(drafts, properties, clock, meters);
    }
}
