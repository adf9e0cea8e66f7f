package io.provisio.identity.contracts;

/** Compensates CREATE_ADMINISTRATOR: delete the customer's users, contacts and pending activation. */
public record DeleteAdministrator(String customerId) implements IdentityCommand {
}
