package io.provisio.subscription.subscription.persistence;

import io.provisio.platform.config.OutboxCollection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Subscription documents carry the outbox of their {@code SubscriptionActivated}: the relay drains it. */
@Configuration(proxyBeanMethods = false)
class SubscriptionPersistenceConfiguration {

    @Bean
    OutboxCollection subscriptionsOutbox() {
        return new OutboxCollection(SubscriptionStore.COLLECTION);
    }
}
