package io.provisio.subscription.inventory.persistence;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The allocator works on the driver's collection, so a test can hand it one of another client. */
@Configuration(proxyBeanMethods = false)
class InventoryConfiguration {

    @Bean
    InventoryAllocator inventoryAllocator(MongoTemplate mongo, Clock clock) {
        return new InventoryAllocator(mongo.getCollection(InventoryStore.COLLECTION),
                mongo.getCollection(InventoryAllocator.HOLDINGS), clock);
    }
}
