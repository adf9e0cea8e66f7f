package io.provisio.subscription.inventory.persistence;

import java.time.Clock;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The allocator takes the database it works on, so a test can hand it one of another client. */
@Configuration(proxyBeanMethods = false)
class InventoryConfiguration {

    @Bean
    InventoryAllocator inventoryAllocator(MongoTemplate mongo, Clock clock) {
        return new InventoryAllocator(mongo, clock);
    }

    /**
     * Once every bean exists and before the bindings start: the indexes of {@code inventory} and
     * {@code inventory_holdings}, then holdings still kept as a map in an inventory document (before ADR 014) move
     * into documents of their own.
     */
    @Bean
    SmartInitializingSingleton inventoryIndexes(InventoryStore items, InventoryAllocator allocator) {
        return () -> {
            items.ensureIndexes();
            allocator.ensureIndexes();
            allocator.migrateHoldingsMaps();
        };
    }
}
