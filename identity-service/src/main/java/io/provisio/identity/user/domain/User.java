package io.provisio.identity.user.domain;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A person of a customer organization.
 *
 * @param sagaId       the onboarding that created the user; its compensation deletes by it
 * @param emailKey     the e-mail folded to lower case: a person belongs to one organization, across
 *                     all partners, whatever case the address was typed in
 * @param passwordHash a slow salted hash, or {@code null} until the user activates the account
 */
public record User(
        String id,
        String partnerId,
        String customerId,
        String sagaId,
        String username,
        String upn,
        String firstName,
        String lastName,
        String displayName,
        String email,
        String emailKey,
        String passwordHash,
        UserRole role,
        UserStatus status,
        Instant createdAt) {

    /**
     * The customer's first administrator: UPN on the customer's primary domain, display name
     * "first last" unless given, ACTIVE with a password, else INVITED.
     */
    public static User administrator(String id, String partnerId, String customerId, String sagaId,
                                     String username, String firstName, String lastName, String displayName,
                                     String email, String passwordHash, String upnDomain, Instant now) {
        String shownName = displayName == null || displayName.isBlank() ? firstName + " " + lastName : displayName;
        return new User(id, partnerId, customerId, sagaId, username, username + "@" + upnDomain, firstName, lastName,
                shownName, email, emailKey(email), passwordHash, UserRole.ADMINISTRATOR,
                passwordHash == null ? UserStatus.INVITED : UserStatus.ACTIVE, now);
    }

    /**
     * The domain of a customer's UPNs: its primary (first) domain, or a sub-domain of the platform
     * named after the account when it brought none.
     */
    public static String upnDomain(List<String> domains, String accountName, String platformDomain) {
        if (domains != null && !domains.isEmpty() && domains.getFirst() != null && !domains.getFirst().isBlank()) {
            return domains.getFirst().trim().toLowerCase(Locale.ROOT);
        }
        return (accountName + "." + platformDomain).toLowerCase(Locale.ROOT);
    }

    public static String emailKey(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public boolean activationRequired() {
        return passwordHash == null;
    }

    /** Never prints the hash nor the person's details. */
    @Override
    public String toString() {
        return "User[id=" + id + ", customerId=" + customerId + ", role=" + role + ", status=" + status + "]";
    }
}
