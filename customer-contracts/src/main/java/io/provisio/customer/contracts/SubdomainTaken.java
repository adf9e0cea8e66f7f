package io.provisio.customer.contracts;

import java.util.List;

/**
 * The answer to {@link ClaimSubdomain} when another customer holds the sub-domain: nothing changed, the customer keeps
 * the one it held. Never says who holds it.
 *
 * @param subdomain   the full name asked for
 * @param suggestions up to three free names (labels) to try instead
 */
public record SubdomainTaken(String customerId, String subdomain, List<String> suggestions)
        implements SubdomainAnswer {

    public SubdomainTaken {
        suggestions = suggestions == null ? List.of() : List.copyOf(suggestions);
    }
}
