package io.provisio.identity.user.domain;

/**
 * A customer's support contact.
 *
 * @param kind     ADMIN, SITE_ADMIN or OTHER
 * @param position where the partner listed it; lists keep that order
 */
public record Contact(String id, String partnerId, String customerId, String sagaId, int position, String kind,
                      String name, String email, String phone) {
}
