package io.provisio.subscription.subscriptions.persistence;

import io.provisio.platform.config.OutboxCollection;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The collection {@code subscriptions}: its indexes, and the outbox of its {@code SubscriptionActivated}. */
@Configuration(proxyBeanMethods = false)
class SubscriptionPersistenceConfiguration {

    /** Subscription documents carry the outbox of their {@code SubscriptionActivated}: the relay drains it. */
    @Bean
    OutboxCollection subscriptionsOutbox() {
        return new OutboxCollection(SubscriptionDocuments.COLLECTION);
    }

    /** Once every bean exists and before the bindings start, as the other stores' indexes. */
    @Bean
    SmartInitializingSingleton subscriptionIndexes(MongoTemplate mongo) {
        return () -> SubscriptionDocuments.ensureIndexes(mongo.getCollection(SubscriptionDocuments.COLLECTION));
    }
}
