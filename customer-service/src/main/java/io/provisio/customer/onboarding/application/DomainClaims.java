package io.provisio.customer.onboarding.application;

import java.util.List;

/**
 * Domains customers hold: one customer's across every partner (ADR 012), a customer's platform sub-domain
 * ({@code <accountName>.<platform domain>}) among them.
 */
public interface DomainClaims {

    /** The platform sub-domain an account name gives its customer, in lower case. */
    String subdomainOf(String accountName);

    /** Those of {@code domains} that a customer holds, in lower case and sorted; empty when all are free. */
    List<String> claimed(List<String> domains);
}
