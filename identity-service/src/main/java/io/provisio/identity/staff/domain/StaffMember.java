package io.provisio.identity.staff.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A person of a partner who signs in to the console. The sign-in name is an e-mail address, stored in lower case so
 * that one person has one account whatever they type; the password only as its encoded hash.
 *
 * @param partnerId    the partner every token of this person speaks for
 * @param passwordHash DelegatingPasswordEncoder form ({@code {bcrypt}...}); never logged or returned
 */
public record StaffMember(String id, String partnerId, String username, String displayName, StaffRole role,
                          String passwordHash, Instant createdAt) {

    public StaffMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(partnerId, "partnerId");
        username = normalize(Objects.requireNonNull(username, "username"));
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(passwordHash, "passwordHash");
    }

    /** The one spelling of a sign-in name: trimmed and lower case. */
    public static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "StaffMember[id=" + id + ", partnerId=" + partnerId + ", role=" + role + "]";
    }
}
