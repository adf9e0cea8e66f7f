package io.provisio.identity.contracts;

public record AdministratorDeleted(String customerId) implements IdentityReply {
}
