package io.provisio.customer.contracts;

/** Commands to the customer participant on {@code customer-commands}. */
public sealed interface CustomerCommand extends CustomerMessage
        permits RegisterCustomer, DeleteCustomer, ActivateCustomer, CompleteSetup, RecordSetupEscalation,
        CheckSubdomain, ClaimSubdomain {
}
