package io.provisio.identity.staff.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

import io.provisio.identity.user.domain.ActivationToken;

/**
 * A person of a partner who signs in to the console. The sign-in name is an e-mail address, stored in lower case so
 * that one person has one account whatever they type; the password only as its encoded hash.
 *
 * @param partnerId    the partner every token of this person speaks for
 * @param passwordHash DelegatingPasswordEncoder form ({@code {bcrypt}...}); never logged or returned; {@code null}
 *                     while INVITED
 * @param status       INVITED until the invitation link set a password, then ACTIVE or DISABLED
 * @param language     the language of the invitation e-mail and page ({@code en sv de it nl nb})
 * @param invitation   the pending invitation link (its token's hash and expiry) while INVITED, else {@code null}
 */
public record StaffMember(String id, String partnerId, String username, String displayName, StaffRole role,
                          String passwordHash, Instant createdAt, StaffStatus status, String language,
                          ActivationToken invitation) {

    public StaffMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(partnerId, "partnerId");
        username = normalize(Objects.requireNonNull(username, "username"));
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(status, "status");
        if (status != StaffStatus.INVITED) {
            Objects.requireNonNull(passwordHash, "passwordHash");
        }
        language = language == null ? "en" : language;
    }

    /** An account with a password from the start (the bootstrap file). */
    public static StaffMember active(String id, String partnerId, String username, String displayName,
                                     StaffRole role, String passwordHash, Instant createdAt) {
        return new StaffMember(id, partnerId, username, displayName, role, passwordHash, createdAt,
                StaffStatus.ACTIVE, "en", null);
    }

    /** A person invited by e-mail: no password until the link sets one. */
    public static StaffMember invited(String id, String partnerId, String username, String displayName,
                                      StaffRole role, String language, ActivationToken invitation, Instant createdAt) {
        return new StaffMember(id, partnerId, username, displayName, role, null, createdAt, StaffStatus.INVITED,
                language, Objects.requireNonNull(invitation, "invitation"));
    }

    /** The one spelling of a sign-in name: trimmed and lower case. */
    public static String normalize(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether this member counts towards the partner's "at least one active admin". */
    public boolean activeAdmin() {
        return status == StaffStatus.ACTIVE && role == StaffRole.PARTNER_ADMIN;
    }

    @Override
    public String toString() {
        return "StaffMember[id=" + id + ", partnerId=" + partnerId + ", role=" + role + ", status=" + status + "]";
    }
}
