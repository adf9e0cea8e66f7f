package io.provisio.identity.contracts;

/**
 * The customer's first administrator. The password never travels: only its slow salted hash does,
 * and only when the partner gave one; otherwise the administrator is invited with an activation link.
 */
public record Administrator(
        String username,
        String firstName,
        String lastName,
        String displayName,
        String email,
        String passwordHash,
        String phone,
        String jobTitle,
        String department) {

    /** Never prints the hash. */
    @Override
    public String toString() {
        return "Administrator[username=" + username + ", email=" + email + "]";
    }
}
