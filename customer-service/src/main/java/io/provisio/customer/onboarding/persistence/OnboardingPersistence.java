package io.provisio.customer.onboarding.persistence;

import io.provisio.platform.config.OutboxCollection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OnboardingPersistence {

    /** The saga's commands wait in each onboarding document's outbox until the relay has them confirmed. */
    @Bean
    OutboxCollection onboardingsOutbox() {
        return new OutboxCollection(MongoOnboardingRepository.COLLECTION);
    }
}
