package io.provisio.customer.contracts;

import java.time.Instant;

/** Event on {@code customer-events}: a suspended customer is ACTIVE again. */
public record CustomerResumed(String customerId, Instant resumedAt) implements CustomerStatusChanged {

    public CustomerResumed {
        CustomerStatusChanged.requireComplete(customerId, resumedAt);
    }

    @Override
    public Instant at() {
        return resumedAt;
    }

    @Override
    public boolean suspended() {
        return false;
    }
}
