package io.provisio.customer.customers.store;

import io.provisio.platform.config.OutboxCollection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Customer events (suspended, resumed) leave through the customer documents' own outbox. */
@Configuration(proxyBeanMethods = false)
class CustomerOutbox {

    @Bean
    OutboxCollection customersOutbox() {
        return new OutboxCollection(CustomerStore.COLLECTION);
    }
}
