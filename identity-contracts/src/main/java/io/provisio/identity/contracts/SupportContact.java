package io.provisio.identity.contracts;

/** A support contact; {@code kind} is ADMIN, SITE_ADMIN or OTHER. */
public record SupportContact(String kind, String name, String email, String phone) {
}
