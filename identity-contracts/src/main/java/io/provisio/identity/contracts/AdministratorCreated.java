package io.provisio.identity.contracts;

/** @param activationRequired the administrator got no password and must activate the account by link */
public record AdministratorCreated(String customerId, String userId, String upn, boolean activationRequired) {
}
