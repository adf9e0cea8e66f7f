package io.provisio.identity.user.application;

/** {@code POST /api/v1/customers/{id}/contacts}: kind ADMIN, SITE_ADMIN or OTHER; phone optional. */
public record NewContact(String kind, String name, String email, String phone) {
}
