package io.provisio.identity.user.persistence;

import java.time.Instant;
import java.util.List;

import io.provisio.identity.user.domain.Contact;
import io.provisio.identity.user.domain.ContactKind;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.Suspension;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A {@code customers} document as Spring Data maps it, field for field as stored (besides the outbox's {@code outbox}
 * and {@code outboxPendingSince}). The names a tombstone loses are written as {@code null}, as they always were.
 *
 * @param version              the outbox's optimistic version: contact changes are written only over the one read.
 *                             Not a {@code @Version}: the outbox writes it ({@code 0}, then {@code $inc}), and the
 *                             suspension and the removal claim must not move it
 * @param suspension           the latest suspension or resumption applied, absent before the first
 * @param administratorRemoval the claim of the administrator removal under way, absent when none is
 */
record OrganizationDocument(
        @MongoId(FieldType.STRING) String id,
        String partnerId,
        @Field(write = Field.Write.ALWAYS) String sagaId,
        @Field(write = Field.Write.ALWAYS) String accountName,
        @Field(write = Field.Write.ALWAYS) String companyName,
        List<String> domains,
        @Field(write = Field.Write.ALWAYS) String language,
        List<ContactDocument> contacts,
        boolean deleted,
        Instant createdAt,
        Long version,
        SuspensionDocument suspension,
        RemovalClaim administratorRemoval) {

    /**
     * A support contact; one without a phone stores it as {@code null}. Its {@code id} is a field like any other
     * (Spring Data would make a nested {@code id} an {@code _id}).
     */
    record ContactDocument(@Field("id") String id, ContactKind kind, String name, String email,
                           @Field(write = Field.Write.ALWAYS) String phone) {

        static ContactDocument of(Contact contact) {
            return new ContactDocument(contact.id(), contact.kind(), contact.name(), contact.email(), contact.phone());
        }

        Contact contact() {
            return new Contact(id, kind, name, email, phone);
        }
    }

    /** {@code since} is absent until a suspension was applied; a resumption keeps it. */
    record SuspensionDocument(Boolean suspended, Instant at, Instant since) {

        Suspension suspension() {
            return new Suspension(Boolean.TRUE.equals(suspended), at, since);
        }
    }

    /** Who holds the customer's one administrator removal, and until when. */
    record RemovalClaim(String userId, Instant until) {
    }

    static OrganizationDocument of(Organization organization) {
        return new OrganizationDocument(organization.id(), organization.partnerId(), organization.sagaId(),
                organization.accountName(), organization.companyName(), organization.domains(),
                organization.language(), contacts(organization.contacts()), organization.deleted(),
                organization.createdAt(), null, null, null);
    }

    static List<ContactDocument> contacts(List<Contact> contacts) {
        return contacts.stream().map(ContactDocument::of).toList();
    }

    Organization organization() {
        return new Organization(id, partnerId, sagaId, accountName, companyName, domains, language,
                contacts == null ? List.of() : contacts.stream().map(ContactDocument::contact).toList(), deleted,
                createdAt);
    }
}
