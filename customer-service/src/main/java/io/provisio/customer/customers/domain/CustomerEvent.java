package io.provisio.customer.customers.domain;

import java.time.Instant;

/** What a change of a customer tells the other services (ADR 017); the store writes it with the change. */
public sealed interface CustomerEvent {

    String customerId();

    record Suspended(String customerId, Instant at) implements CustomerEvent {
    }

    record Resumed(String customerId, Instant at) implements CustomerEvent {
    }
}
