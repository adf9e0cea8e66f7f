package io.provisio.notification.email.persistence;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    @Bean
    NotificationStore notificationStore(MongoTemplate mongo) {
        NotificationStore store = new NotificationStore(mongo);
        store.ensureIndexes();
        return store;
    }
}
