package io.provisio.notification.email.persistence;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The collection {@code notifications}: its indexes. */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    /** Once every bean exists and before the bindings start, as the other stores' indexes. */
    @Bean
    SmartInitializingSingleton notificationIndexes(MongoTemplate mongo) {
        return () -> NotificationDocuments.ensureIndexes(NotificationDocuments.collection(mongo));
    }
}
