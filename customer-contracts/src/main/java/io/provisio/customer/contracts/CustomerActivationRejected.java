package io.provisio.customer.contracts;

/**
 * ACTIVATE_CUSTOMER could not be done, e.g. {@code CUSTOMER_NOT_FOUND}: the customer was deleted meanwhile.
 * Senders before ADR 020 answered this outcome with {@link CustomerRegistrationRejected}; the orchestrator still
 * reads that reply for any step, so replies in flight across the upgrade keep their meaning.
 */
public record CustomerActivationRejected(String code, String message) implements CustomerReply {
}
