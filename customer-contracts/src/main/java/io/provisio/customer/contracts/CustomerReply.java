package io.provisio.customer.contracts;

/** The customer participant's replies on {@code saga-replies}: one type per outcome. */
public sealed interface CustomerReply extends CustomerMessage
        permits CustomerRegistered, CustomerRegistrationRejected, CustomerActivated, CustomerActivationRejected,
        CustomerDeleted {
}
