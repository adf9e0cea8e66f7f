package io.provisio.customer.contracts;

import java.util.List;

/**
 * The answer to {@link CheckSubdomain}: the customer's own sub-domain counts as available; a taken one comes with up to
 * three free variants. Never says who holds it.
 *
 * @param subdomain the full name, {@code <name>.<platform domain>}
 */
public record SubdomainAvailability(String name, String subdomain, boolean available, List<String> suggestions)
        implements SubdomainAnswer {

    public SubdomainAvailability {
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
    }
}
