package io.provisio.customer.onboarding.application;

import java.util.List;

/** Another customer, of any partner, holds one of the domains the onboarding names. */
public class DomainTakenException extends RuntimeException {

    private final List<String> domains;

    public DomainTakenException(List<String> domains) {
        super("domain(s) " + String.join(", ", domains) + " already claimed by another customer");
        this.domains = List.copyOf(domains);
    }

    /** The domains taken, in lower case. */
    public List<String> domains() {
        return domains;
    }
}
