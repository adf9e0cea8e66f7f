package io.provisio.identity.user.application;

import java.time.Duration;
import java.util.Optional;

import io.provisio.customer.contracts.SubdomainAnswer;
import io.provisio.customer.contracts.SubdomainAvailability;

/**
 * The setup page's questions to customer-service, which owns sub-domains (ADR 026): asked over the broker and waited
 * for at most {@code bound}, since a person waits on the page. Empty: no answer in time (customer-service down or
 * behind), which the page says, and a later submit decides.
 */
public interface SubdomainQuestions {

    /** Is {@code <name>.<platform domain>} free for this customer? Advisory. */
    Optional<SubdomainAvailability> check(String partnerId, String customerId, String name, Duration bound);

    /** Makes it the customer's sub-domain: {@code SubdomainClaimed} or {@code SubdomainTaken}. */
    Optional<SubdomainAnswer> claim(String partnerId, String customerId, String name, Duration bound);
}
