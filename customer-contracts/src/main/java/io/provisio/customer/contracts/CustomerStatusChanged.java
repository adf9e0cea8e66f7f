package io.provisio.customer.contracts;

import java.time.Instant;

/**
 * A customer's suspension changed (ADR 017). Every subscriber keeps the latest instant per customer, so a
 * redelivery or an older event arriving late changes nothing. Both records refuse to exist without the customer
 * id and the instant: a payload lacking them fails to decode and is dead-lettered, the one check every subscriber
 * relies on instead of writing its own.
 */
public sealed interface CustomerStatusChanged extends CustomerEvent permits CustomerSuspended, CustomerResumed {

    String customerId();

    /** When the partner suspended or resumed the customer. */
    Instant at();

    /** {@code true} for a suspension, {@code false} for a resume. */
    boolean suspended();

    /** The invariant both records share. */
    static void requireComplete(String customerId, Instant at) {
        if (customerId == null || customerId.isBlank() || at == null) {
            throw new IllegalArgumentException("a customer status change needs the customer id and its instant");
        }
    }
}
