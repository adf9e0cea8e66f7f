package io.provisio.notification.email.persistence;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;

/** The collection {@code notifications}: its indexes, and how its aggregate's types are stored. */
@Configuration(proxyBeanMethods = false)
class PersistenceConfiguration {

    /**
     * The service's conversions (in place of Spring Boot's default, which has none): a {@code Language} is stored as
     * its code ({@link NotificationDocuments#CONVERTERS}).
     */
    @Bean
    MongoCustomConversions mongoCustomConversions() {
        return MongoCustomConversions.create(conversions -> conversions.registerConverters(
                NotificationDocuments.CONVERTERS));
    }

    /** Once every bean exists and before the bindings start, as the other stores' indexes. */
    @Bean
    SmartInitializingSingleton notificationIndexes(MongoTemplate mongo) {
        return () -> NotificationDocuments.ensureIndexes(NotificationDocuments.collection(mongo));
    }
}
