package io.provisio.customer.onboarding.application;

import java.util.List;

/** Domains customers hold: one customer's across every partner (ADR 012). */
public interface DomainClaims {

    /** Those of {@code domains} that a customer holds, in lower case and sorted; empty when all are free. */
    List<String> claimed(List<String> domains);
}
