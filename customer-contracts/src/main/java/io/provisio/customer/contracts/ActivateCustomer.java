package io.provisio.customer.contracts;

/** ACTIVATE_CUSTOMER: PROVISIONING becomes ACTIVE. */
public record ActivateCustomer(String customerId) implements CustomerCommand {
}
