package io.provisio.customer.contracts;

import java.time.Instant;

/** Event on {@code customer-events}: the partner suspended the customer; its services should stop serving it. */
public record CustomerSuspended(String customerId, Instant suspendedAt) implements CustomerStatusChanged {

    public CustomerSuspended {
        CustomerStatusChanged.requireComplete(customerId, suspendedAt);
    }

    @Override
    public Instant at() {
        return suspendedAt;
    }

    @Override
    public boolean suspended() {
        return true;
    }
}
