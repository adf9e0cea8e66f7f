package io.provisio.notification.profile;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

@Configuration(proxyBeanMethods = false)
class ProfileConfiguration {

    @Bean
    CustomerProfileStore customerProfileStore(MongoTemplate mongo) {
        return new CustomerProfileStore(mongo);
    }
}
