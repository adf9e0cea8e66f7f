package io.provisio.customer.contracts;

/** REGISTER_CUSTOMER: store the customer as PROVISIONING under the given id. */
public record RegisterCustomer(String customerId, CustomerProfile profile) implements CustomerCommand {
}
