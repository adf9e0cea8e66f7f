package io.provisio.identity.contracts;

/**
 * Nothing was stored. {@code ADMIN_EMAIL_IN_USE}: the e-mail belongs to a person of another organization;
 * {@code USERNAME_TAKEN}: the administrator's sign-in name (UPN) is already some user's, anywhere on the platform.
 */
public record AdministratorRejected(String code, String message) implements IdentityReply {
}
