package io.provisio.customer.contracts;

public record CustomerDeleted(String customerId) implements CustomerReply {
}
