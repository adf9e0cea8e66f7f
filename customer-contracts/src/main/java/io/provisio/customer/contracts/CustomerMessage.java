package io.provisio.customer.contracts;

/** Everything customer-service sends: its commands, its saga replies, its events and the dry run's answer (ADR 020). */
public sealed interface CustomerMessage
        permits CustomerCommand, CustomerReply, CustomerEvent, DryRunReport {
}
