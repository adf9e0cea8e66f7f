package io.provisio.identity.user.application;

/**
 * {@code POST /api/v1/customers/{id}/users}: the administrator's fields of an onboarding, plus the role.
 * {@code phone}, {@code jobTitle} and {@code department} are accepted so an administrator object can be
 * posted as it is; identity does not keep them yet.
 *
 * @param password optional: without it the user is INVITED and gets an activation link
 * @param role     USER (default) or ADMINISTRATOR
 */
public record NewUser(String username, String firstName, String lastName, String displayName, String email,
                      String password, String role, String phone, String jobTitle, String department) {

    /** Never prints the password. */
    @Override
    public String toString() {
        return "NewUser[username=" + username + ", role=" + role + "]";
    }
}
