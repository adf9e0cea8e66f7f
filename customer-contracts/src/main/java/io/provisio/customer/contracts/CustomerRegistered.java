package io.provisio.customer.contracts;

public record CustomerRegistered(String customerId) implements CustomerReply {
}
