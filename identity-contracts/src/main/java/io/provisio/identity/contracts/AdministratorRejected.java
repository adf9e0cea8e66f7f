package io.provisio.identity.contracts;

/** E.g. {@code ADMIN_EMAIL_IN_USE} or {@code USERNAME_TAKEN}; nothing was stored. */
public record AdministratorRejected(String code, String message) {
}
