package io.provisio.customer.contracts;

/** The customer could not be registered, e.g. {@code ACCOUNT_NAME_TAKEN}. */
public record CustomerRegistrationRejected(String code, String message) implements CustomerReply {
}
