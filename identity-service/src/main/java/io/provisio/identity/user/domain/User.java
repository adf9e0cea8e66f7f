package io.provisio.identity.user.domain;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A person of a customer organization.
 *
 * @param sagaId       the onboarding that created the user ({@code null} for a user added later); its
 *                     compensation deletes by it
 * @param emailKey     the e-mail folded to lower case: a person belongs to one organization, across
 *                     all partners, whatever case the address was typed in
 * @param passwordHash a slow salted hash, or {@code null} until the user activates the account
 * @param activation   the pending activation link of an INVITED user, or {@code null}
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
        ActivationToken activation,
        Instant createdAt) {

    /**
     * A new user: UPN on the customer's UPN domain, display name "first last" unless given, ACTIVE with a
     * password, else INVITED with an activation link.
     */
    public static User create(String id, String partnerId, String customerId, String sagaId, String username,
                              String firstName, String lastName, String displayName, String email,
                              String passwordHash, UserRole role, String upnDomain, ActivationToken activation,
                              Instant now) {
        if ((passwordHash == null) == (activation == null)) {
            throw new IllegalArgumentException("a new user has either a password or an activation link");
        }
        String shownName = displayName == null || displayName.isBlank() ? firstName + " " + lastName : displayName;
        return new User(id, partnerId, customerId, sagaId, username, username + "@" + upnDomain, firstName, lastName,
                shownName, email, emailKey(email), passwordHash, role,
                passwordHash == null ? UserStatus.INVITED : UserStatus.ACTIVE, activation, now);
    }

    /** The customer's first administrator, created by the onboarding saga. */
    public static User administrator(String id, String partnerId, String customerId, String sagaId,
                                     String username, String firstName, String lastName, String displayName,
                                     String email, String passwordHash, String upnDomain, ActivationToken activation,
                                     Instant now) {
        return create(id, partnerId, customerId, sagaId, username, firstName, lastName, displayName, email,
                passwordHash, UserRole.ADMINISTRATOR, upnDomain, activation, now);
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

    /**
     * The sign-in name as the platform compares it: one person per UPN across every partner and customer,
     * whatever case it was typed in.
     */
    public static String upnKey(String upn) {
        return upn.trim().toLowerCase(Locale.ROOT);
    }

    public String upnKey() {
        return upnKey(upn);
    }

    public boolean activationRequired() {
        return status == UserStatus.INVITED;
    }

    /** The person's own words, which count against a password. */
    public List<String> passwordWords() {
        return java.util.Arrays.asList(username, firstName, lastName, displayName, email);
    }

    /** Never prints the hash, the token's hash nor the person's details. */
    @Override
    public String toString() {
        return "User[id=" + id + ", customerId=" + customerId + ", role=" + role + ", status=" + status + "]";
    }
}
