package io.provisio.customer.onboarding.application;

import java.util.ArrayList;
import java.util.List;

/**
 * Domains customers hold: one customer's across every partner (ADR 012), a customer's platform sub-domain
 * ({@code <accountName>.<platform domain>}) among them.
 */
public interface DomainClaims {

    /** The platform sub-domain an account name gives its customer, in lower case. */
    String subdomainOf(String accountName);

    /** Everything a customer of this account name and these domains claims: its domains and its sub-domain. */
    default List<String> claimsOf(String accountName, List<String> domains) {
        List<String> claims = new ArrayList<>(domains == null ? List.of() : domains);
        claims.add(subdomainOf(accountName));
        return claims;
    }

    /** Those of {@code domains} that a customer holds, in lower case and sorted; empty when all are free. */
    List<String> claimed(List<String> domains);

    /** Whether this customer of this partner holds the domain (in lower case). */
    boolean heldBy(String domain, String partnerId, String customerId);
}
