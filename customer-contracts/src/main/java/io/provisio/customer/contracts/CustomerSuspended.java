package io.provisio.customer.contracts;

import java.time.Instant;

/** Event on {@code customer-events}: the partner suspended the customer; its services should stop serving it. */
public record CustomerSuspended(String customerId, Instant suspendedAt) {
}
