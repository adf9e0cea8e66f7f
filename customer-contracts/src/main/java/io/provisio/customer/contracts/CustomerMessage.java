package io.provisio.customer.contracts;

/**
 * Everything customer-service sends: its commands, its saga replies, its events, the dry run's answer (ADR 020) and
 * the setup page's sub-domain answers (ADR 026).
 */
public sealed interface CustomerMessage
        permits CustomerCommand, CustomerReply, CustomerEvent, DryRunReport, SubdomainAnswer {
}
