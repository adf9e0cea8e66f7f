package io.provisio.customer.contracts;

/** Compensates REGISTER_CUSTOMER: delete the customer and free its account name. */
public record DeleteCustomer(String customerId) implements CustomerCommand {
}
