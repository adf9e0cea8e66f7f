package io.provisio.customer.customers.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A partner's customer as customer-service keeps it: what the onboarding registered, where it is in its life, and
 * the rules for changing it. Suspend and resume decide here and return the event the other services act on
 * (ADR 017); a merge patch changes only {@link #PATCHABLE} fields.
 *
 * @param subdomain the customer's platform sub-domain, claimed uniquely at registration
 * @param setup     the delegated setup, or {@code null} when the onboarding named none
 * @param version   grows with every write; a patch is written only over the version it was decided on
 */
public record Customer(String id, String partnerId, CustomerStatus status, String accountName, String companyName,
                       String externalCode, String parentCustomerId, Address address, String businessType,
                       String tenantType, String edition, String locale, List<String> domains,
                       String emergencyContactEmail, String subdomain, Instant createdAt, Instant activatedAt,
                       Setup setup, Long version) {

    /** API.md: what a merge patch may change; everything else is fixed at onboarding. */
    public static final Set<String> PATCHABLE = Set.of("companyName", "externalCode", "address", "businessType",
            "locale", "emergencyContactEmail");

    public Customer {
        domains = domains == null ? List.of() : List.copyOf(domains);
        version = version == null ? 0L : version;
    }

    /** How a suspend or resume came out. */
    public enum Outcome {
        /** The status changed, and {@link Transition#event()} says so. */
        CHANGED,
        /** It already was there: nothing changes, no second event. */
        ALREADY,
        /** Not from this status (a PROVISIONING customer is neither suspended nor resumed). */
        NOT_ALLOWED
    }

    /** @param customer the customer after the transition (the same one unless it changed) */
    public record Transition(Outcome outcome, Customer customer, Optional<CustomerEvent> event) {
    }

    /** ACTIVE becomes SUSPENDED: the other services stop its users, its billing and its e-mails. */
    public Transition suspend(Instant at) {
        return transition(CustomerStatus.ACTIVE, CustomerStatus.SUSPENDED, new CustomerEvent.Suspended(id, at));
    }

    /** SUSPENDED becomes ACTIVE again. */
    public Transition resume(Instant at) {
        return transition(CustomerStatus.SUSPENDED, CustomerStatus.ACTIVE, new CustomerEvent.Resumed(id, at));
    }

    private Transition transition(CustomerStatus from, CustomerStatus to, CustomerEvent event) {
        if (status == to) {
            return new Transition(Outcome.ALREADY, this, Optional.empty());
        }
        if (status != from) {
            return new Transition(Outcome.NOT_ALLOWED, this, Optional.empty());
        }
        return new Transition(Outcome.CHANGED, withStatus(to), Optional.of(event));
    }

    /**
     * The patchable fields' new values, all of them (a merge patch already merged over this customer and validated).
     */
    public record Patch(String companyName, String externalCode, Address address, String businessType, String locale,
                        String emergencyContactEmail) {
    }

    /** This customer with a merge patch's result; the identity, the status and the names it was onboarded with stay. */
    public Customer patched(Patch patch) {
        return new Customer(id, partnerId, status, accountName, patch.companyName(), patch.externalCode(),
                parentCustomerId, patch.address(), patch.businessType(), tenantType, edition, patch.locale(), domains,
                patch.emergencyContactEmail(), subdomain, createdAt, activatedAt, setup, version);
    }

    /** What the customers list searches ({@link SearchKey}). */
    public String searchKey() {
        return SearchKey.of(accountName, companyName, externalCode);
    }

    private Customer withStatus(CustomerStatus to) {
        return new Customer(id, partnerId, to, accountName, companyName, externalCode, parentCustomerId, address,
                businessType, tenantType, edition, locale, domains, emergencyContactEmail, subdomain, createdAt,
                activatedAt, setup, version);
    }
}
