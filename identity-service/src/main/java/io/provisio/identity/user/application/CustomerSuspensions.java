package io.provisio.identity.user.application;

import io.provisio.customer.contracts.CustomerStatusChanged;
import io.provisio.identity.user.persistence.OrganizationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * CustomerSuspended / CustomerResumed mark identity's record of the customer. One conditional write per event that
 * keeps the latest instant, so a redelivery or an older event arriving late changes nothing (idempotent and
 * order-safe without remembering message ids). A resume then re-issues the activation links that expired during
 * the suspension ({@link LinksAfterSuspension}, ADR 017); that runs on a redelivery too, so a crash between the two
 * writes loses nothing, and finds nothing left to do otherwise.
 */
@Service
public class CustomerSuspensions {

    private static final Logger log = LoggerFactory.getLogger(CustomerSuspensions.class);

    private final OrganizationStore organizations;
    private final LinksAfterSuspension links;

    CustomerSuspensions(OrganizationStore organizations, LinksAfterSuspension links) {
        this.organizations = organizations;
        this.links = links;
    }

    public void record(String partnerId, CustomerStatusChanged change) {
        String customerId = change.customerId();
        String what = change.suspended() ? "suspended" : "resumed";
        if (organizations.recordSuspension(customerId, partnerId, change.suspended(), change.at())) {
            log.info("Customer {} {} as of {}", customerId, what, change.at());
        } else {
            // No second read to tell which: both leave nothing of ours to mark.
            log.info("Customer {} {} as of {} changes nothing: a record as of then or later is kept, or the customer"
                    + " is not partner {}'s here", customerId, what, change.at(), partnerId);
        }
        if (!change.suspended()) {
            links.reissueExpired(partnerId, customerId, change.at());
        }
    }
}
