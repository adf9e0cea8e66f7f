package io.provisio.customer.customers.application;

import io.provisio.customer.contracts.CompleteSetup;
import io.provisio.customer.contracts.RecordSetupEscalation;
import io.provisio.customer.contracts.SubdomainNames;
import io.provisio.customer.customers.store.CustomerSetupStore;
import io.provisio.customer.onboarding.application.DomainClaims;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The customer's setup state (ADR 023), which customer-service owns: SETUP_PENDING from registration, SETUP_DONE when
 * identity reports the setup page completed, {@code escalatedAt} when notification first escalated to the partner.
 * Both are conditional single-document writes, so repeats and late arrivals change nothing.
 *
 * <p>The completion names the sub-domain the page confirmed, which the page claimed before when it was another one
 * (ADR 026). The completion claims it again: a no-op when the claim held, and the repair when two submissions of one
 * link claimed different names and this completion is the one that won.
 */
@Service
public class CustomerSetups {

    private static final Logger log = LoggerFactory.getLogger(CustomerSetups.class);

    private final CustomerSetupStore customers;
    private final DomainClaims claims;

    CustomerSetups(CustomerSetupStore customers, DomainClaims claims) {
        this.customers = customers;
        this.claims = claims;
    }

    public void complete(String partnerId, CompleteSetup complete) {
        String subdomain = complete.subdomain();
        String name = subdomain == null ? null : subdomain.substring(0, Math.max(0, subdomain.indexOf('.')));
        if (SubdomainNames.valid(name) && claims.subdomainOf(name).equals(subdomain)
                && customers.changeSubdomain(partnerId, complete.customerId(), subdomain)
                == CustomerSetupStore.SubdomainChange.TAKEN) {
            log.warn("Customer {} of partner {} completed setup with a sub-domain another customer holds; it keeps"
                    + " the one it has", complete.customerId(), partnerId);
        }
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
