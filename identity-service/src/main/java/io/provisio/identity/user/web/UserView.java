package io.provisio.identity.user.web;

import io.provisio.identity.user.domain.User;

/** A user as partners see it: never a password or its hash. */
record UserView(String id, String upn, String username, String firstName, String lastName, String displayName,
                String email, String role, String status) {

    static UserView of(User user) {
        return new UserView(user.id(), user.upn(), user.username(), user.firstName(), user.lastName(),
                user.displayName(), user.email(), user.role().name(), user.status().name());
    }
}
