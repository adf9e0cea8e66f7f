package io.provisio.subscription.bootstrap;

import io.provisio.platform.bootstrap.BootstrapFile;
import io.provisio.subscription.assignment.persistence.AllocationLedger;
import io.provisio.subscription.catalog.domain.Plan;
import io.provisio.subscription.catalog.persistence.PlanStore;
import io.provisio.subscription.inventory.persistence.InventoryAllocator;
import io.provisio.subscription.inventory.persistence.InventoryStore;
import io.provisio.subscription.subscription.persistence.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Creates the indexes and whatever the bootstrap file holds that is still missing: plans and
 * inventory items are inserted by id and never overwritten, so an operator's later change survives
 * every restart, and replicas starting together cannot clash.
 *
 * <p>It runs once all beans exist and before the message bindings start, so no command is
 * handled against a catalogue that is not loaded yet.
 */
@Component
@EnableConfigurationProperties(BootstrapProperties.class)
public class StartupData implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StartupData.class);

    private final BootstrapProperties properties;
    private final PlanStore plans;
    private final InventoryStore inventory;
    private final AllocationLedger ledger;
    private final SubscriptionStore subscriptions;
    private final InventoryAllocator allocator;

    StartupData(BootstrapProperties properties, PlanStore plans, InventoryStore inventory, AllocationLedger ledger,
                SubscriptionStore subscriptions, InventoryAllocator allocator) {
        this.properties = properties;
        this.plans = plans;
        this.inventory = inventory;
        this.ledger = ledger;
        this.subscriptions = subscriptions;
        this.allocator = allocator;
    }

    @Override
    public void afterSingletonsInstantiated() {
        inventory.ensureIndexes();
        ledger.ensureIndexes();
        subscriptions.ensureIndexes();
        allocator.ensureIndexes();
        allocator.migrateHoldingsMaps();
        BootstrapFile.read(properties.bootstrap()).ifPresent(this::load);
    }

    /** Inserts what is missing from {@code file}; public so a test can prove a second run changes nothing. */
    public void load(BootstrapFile file) {
        int newPlans = 0;
        for (BootstrapFile.Plan plan : file.plans()) {
            if (plans.insertIfMissing(new Plan(plan.code(), plan.name(), plan.unitType(), plan.minUnits(),
                    plan.maxUnits(), plan.paid(), plan.requires()))) {
                newPlans++;
            }
        }
        int newItems = 0;
        for (BootstrapFile.Inventory item : file.inventory()) {
            if (inventory.insertIfMissing(item.partnerId(), item.planCode(), item.units())) {
                newItems++;
            }
        }
        log.info("Bootstrap: {} of {} plan(s) and {} of {} inventory item(s) were missing and are created",
                newPlans, file.plans().size(), newItems, file.inventory().size());
    }
}
