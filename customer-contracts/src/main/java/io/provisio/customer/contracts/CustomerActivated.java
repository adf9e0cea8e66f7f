package io.provisio.customer.contracts;

import java.time.Instant;

public record CustomerActivated(String customerId, Instant activatedAt) implements CustomerReply {
}
