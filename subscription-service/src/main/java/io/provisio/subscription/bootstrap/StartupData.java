package io.provisio.subscription.bootstrap;

import io.provisio.platform.bootstrap.BootstrapFile;
import io.provisio.subscription.catalog.application.Catalogue;
import io.provisio.subscription.catalog.domain.Plan;
import io.provisio.subscription.inventory.application.Inventory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Creates whatever the bootstrap file holds that is still missing: plans and inventory items are inserted by id and
 * never overwritten, so an operator's later change survives every restart, and replicas starting together cannot
 * clash. (Each feature's persistence creates its own indexes.)
 *
 * <p>It runs once all beans exist and before the message bindings start, so no command is
 * handled against a catalogue that is not loaded yet.
 */
@Component
@EnableConfigurationProperties(BootstrapProperties.class)
public class StartupData implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StartupData.class);

    private final BootstrapProperties properties;
    private final Catalogue catalogue;
    private final Inventory inventory;

    StartupData(BootstrapProperties properties, Catalogue catalogue, Inventory inventory) {
        this.properties = properties;
        this.catalogue = catalogue;
        this.inventory = inventory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        BootstrapFile.read(properties.bootstrap()).ifPresent(this::load);
    }

    /** Inserts what is missing from {@code file}; public so a test can prove a second run changes nothing. */
    public void load(BootstrapFile file) {
        int newPlans = 0;
        for (BootstrapFile.Plan plan : file.plans()) {
            if (catalogue.addIfMissing(new Plan(plan.code(), plan.name(), plan.unitType(), plan.minUnits(),
                    plan.maxUnits(), plan.paid(), plan.requires()))) {
                newPlans++;
            }
        }
        int newItems = 0;
        for (BootstrapFile.Inventory item : file.inventory()) {
            if (inventory.addIfMissing(item.partnerId(), item.planCode(), item.units())) {
                newItems++;
            }
        }
        log.info("Bootstrap: {} of {} plan(s) and {} of {} inventory item(s) were missing and are created",
                newPlans, file.plans().size(), newItems, file.inventory().size());
    }
}
