package io.provisio.notification.webhook.persistence;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The collections {@code webhook_endpoints} and {@code webhook_deliveries}: their indexes. */
@Configuration(proxyBeanMethods = false)
class WebhookPersistenceConfiguration {

    /** Once every bean exists and before the bindings start, as the other stores' indexes. */
    @Bean
    SmartInitializingSingleton webhookIndexes(MongoTemplate mongo) {
        return () -> WebhookDocuments.ensureIndexes(mongo);
    }
}
