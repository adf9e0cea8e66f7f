package io.provisio.customer.contracts;

/**
 * customer-service's answers to the setup page's sub-domain questions (ADR 026), sent straight to the asker's
 * {@code replyTo} without the outbox; one record per outcome.
 */
public sealed interface SubdomainAnswer extends CustomerMessage
        permits SubdomainAvailability, SubdomainClaimed, SubdomainTaken {
}
