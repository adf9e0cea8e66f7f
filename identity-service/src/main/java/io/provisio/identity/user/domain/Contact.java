package io.provisio.identity.user.domain;

/**
 * A customer's support contact; any number of them, in the order the partner listed them.
 *
 * @param phone optional
 */
public record Contact(String id, ContactKind kind, String name, String email, String phone) {

    public Contact {
        if (id == null || kind == null || name == null || email == null) {
            throw new IllegalArgumentException("a contact needs an id, a kind, a name and an e-mail");
        }
    }
}
