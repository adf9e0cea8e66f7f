package io.provisio.customer.customers.application;

import io.provisio.customer.contracts.CompleteSetup;
import io.provisio.customer.contracts.RecordSetupEscalation;
import io.provisio.customer.customers.store.CustomerStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The customer's setup state (ADR 023), which customer-service owns: SETUP_PENDING from registration, SETUP_DONE when
 * identity reports the setup page completed, {@code escalatedAt} when notification first escalated to the partner.
 * Both are conditional single-document writes, so repeats and late arrivals change nothing.
 */
@Service
public class CustomerSetups {

    private static final Logger log = LoggerFactory.getLogger(CustomerSetups.class);

    private final CustomerStore customers;

    CustomerSetups(CustomerStore customers) {
        this.customers = customers;
    }

    public void complete(String partnerId, CompleteSetup complete) {
        if (customers.completeSetup(partnerId, complete.customerId(), complete.completedAt(), complete.subdomain())) {
            log.info("Customer {} of partner {}: setup done", complete.customerId(), partnerId);
        }
    }

    public void escalated(String partnerId, RecordSetupEscalation escalation) {
        if (customers.recordSetupEscalation(partnerId, escalation.customerId(), escalation.escalatedAt())) {
            log.info("Customer {} of partner {}: setup escalated to the partner", escalation.customerId(), partnerId);
        }
    }
}
