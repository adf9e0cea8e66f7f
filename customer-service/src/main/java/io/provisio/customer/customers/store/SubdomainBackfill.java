package io.provisio.customer.customers.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Once the service is up, claims the sub-domains of customers registered before they were claimed (ADR 012). */
@Component
class SubdomainBackfill {

    private static final Logger log = LoggerFactory.getLogger(SubdomainBackfill.class);

    private final CustomerSetupStore customers;

    SubdomainBackfill(CustomerSetupStore customers) {
        this.customers = customers;
    }

    @EventListener(ApplicationReadyEvent.class)
    void claimEarlierCustomersSubdomains() {
        try {
            int seen = customers.claimSubdomainsOfEarlierCustomers();
            if (seen > 0) {
                log.info("Claimed the platform sub-domains of {} customer(s) registered before they were claimed", seen);
            }
        } catch (RuntimeException e) {
            // The store is away: nothing is half done (each customer is one claim and one mark); the next start goes on.
            log.warn("Could not claim the sub-domains of earlier customers now; the next start tries again: {}",
                    e.toString());
        }
    }
}
