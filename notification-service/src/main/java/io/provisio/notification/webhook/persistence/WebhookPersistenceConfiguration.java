package io.provisio.notification.webhook.persistence;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
class WebhookPersistenceConfiguration {

    @Bean
    WebhookStore webhookStore(MongoTemplate mongo) {
        WebhookStore store = new WebhookStore(mongo);
        store.ensureIndexes();
        return store;
    }
}
