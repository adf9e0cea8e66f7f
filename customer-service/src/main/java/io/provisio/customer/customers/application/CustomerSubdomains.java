package io.provisio.customer.customers.application;

import java.util.Optional;

import io.provisio.customer.contracts.CheckSubdomain;
import io.provisio.customer.contracts.ClaimSubdomain;
import io.provisio.customer.contracts.SubdomainAnswer;
import io.provisio.customer.contracts.SubdomainAvailability;
import io.provisio.customer.contracts.SubdomainClaimed;
import io.provisio.customer.contracts.SubdomainTaken;
import io.provisio.customer.customers.store.CustomerSetupStore;
import io.provisio.customer.onboarding.application.Subdomains;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A customer choosing its platform sub-domain on the setup page (ADR 026). The check is advisory, the claim decides:
 * a name another customer holds (or one of the partner's live onboardings reserves, as the API's check says) is
 * TAKEN with up to three free variants; otherwise the unique claim is made and the old sub-domain released.
 */
@Service
public class CustomerSubdomains {

    private static final Logger log = LoggerFactory.getLogger(CustomerSubdomains.class);

    private final Subdomains subdomains;
    private final CustomerSetupStore customers;

    CustomerSubdomains(Subdomains subdomains, CustomerSetupStore customers) {
        this.subdomains = subdomains;
        this.customers = customers;
    }

    public SubdomainAvailability check(String partnerId, CheckSubdomain check) {
        Subdomains.Availability availability = subdomains.checkFor(partnerId, check.customerId(), check.name());
        return new SubdomainAvailability(availability.name(), availability.subdomain(), availability.available(),
                availability.suggestions());
    }

    /** @return nothing when the partner has no such customer: the asker times out and says so */
    public Optional<SubdomainAnswer> claim(String partnerId, ClaimSubdomain claim) {
        Subdomains.Availability availability = subdomains.checkFor(partnerId, claim.customerId(), claim.name());
        if (!availability.available()) {
            return Optional.of(new SubdomainTaken(claim.customerId(), availability.subdomain(),
                    availability.suggestions()));
        }
        return switch (customers.changeSubdomain(partnerId, claim.customerId(), availability.subdomain())) {
            case CLAIMED -> {
                log.info("Customer {} of partner {} holds the sub-domain {}", claim.customerId(), partnerId,
                        availability.subdomain());
                yield Optional.of(new SubdomainClaimed(claim.customerId(), availability.subdomain()));
            }
            // Claimed by another customer between the check and the insert: the unique key decided.
            case TAKEN -> Optional.of(new SubdomainTaken(claim.customerId(), availability.subdomain(),
                    subdomains.suggestions(partnerId, claim.name())));
            case NOT_FOUND -> {
                log.warn("ClaimSubdomain for customer {}, which partner {} does not have; not answered",
                        claim.customerId(), partnerId);
                yield Optional.empty();
            }
        };
    }
}
