package io.provisio.identity.user.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * identity-service's own small record of a customer organization, taken from CREATE_ADMINISTRATOR:
 * whose it is (the partner every API call is scoped by), the words its passwords must not be built
 * on, its UPN domain, its e-mail language, and its support contacts. The contacts live inside it so
 * that the rule "at least one ADMIN and one SITE_ADMIN" is checked and kept in one atomic write.
 *
 * @param sagaId  the onboarding that created it; its compensation deletes it
 * @param deleted the onboarding was compensated: the record stays as a tombstone without personal data
 */
public record Organization(
        String id,
        String partnerId,
        String sagaId,
        String accountName,
        String companyName,
        List<String> domains,
        String language,
        List<Contact> contacts,
        boolean deleted,
        Instant createdAt) {

    public Organization {
        domains = domains == null ? List.of() : List.copyOf(domains);
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
    }

    /** Whether the partner may see it: its own, and not compensated. */
    public boolean visibleTo(String partner) {
        return !deleted && partnerId.equals(partner);
    }

    public Organization withContact(Contact contact) {
        List<Contact> more = new ArrayList<>(contacts);
        more.add(contact);
        return new Organization(id, partnerId, sagaId, accountName, companyName, domains, language, more, deleted,
                createdAt);
    }

    /**
     * Removes a contact unless that would leave no ADMIN or no SITE_ADMIN. An administrator (user) of the
     * organization counts as an ADMIN contact, as at onboarding.
     *
     * @return the organization without the contact, or empty when the contact does not exist
     * @throws LastRequiredContactException when the contact is the last of a required kind
     */
    public Optional<Organization> withoutContact(String contactId, long administrators) {
        Optional<Contact> removed = contacts.stream().filter(c -> c.id().equals(contactId)).findFirst();
        if (removed.isEmpty()) {
            return Optional.empty();
        }
        List<Contact> rest = contacts.stream().filter(c -> !c.id().equals(contactId)).toList();
        ContactKind kind = removed.get().kind();
        long remaining = rest.stream().filter(c -> c.kind() == kind).count()
                + (kind == ContactKind.ADMIN ? administrators : 0);
        if (kind != ContactKind.OTHER && remaining == 0) {
            throw new LastRequiredContactException(kind);
        }
        return Optional.of(new Organization(id, partnerId, sagaId, accountName, companyName, domains, language, rest,
                deleted, createdAt));
    }

    /** The words a password of this organization's people must not be built on. */
    public List<String> passwordWords() {
        List<String> words = new ArrayList<>();
        words.add(accountName);
        words.add(companyName);
        words.addAll(domains);
        return words;
    }
}
