package io.provisio.identity.user.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import io.provisio.identity.user.domain.Contact;
import io.provisio.identity.user.domain.ContactKind;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.Suspension;
import io.provisio.platform.mongo.LatestInstant;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.outbox.OutgoingMessage;
import org.bson.Document;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

/**
 * The {@code customers} collection: identity's own record of each customer organization, with its
 * support contacts inside and an outbox (the {@code UserDeleted} events of a compensation leave from
 * here, as the users they speak of are deleted). Contact changes are optimistic writes on its version;
 * removals of administrators take turns on its {@code administratorRemoval} claim.
 */
@Component
public class OrganizationStore {

    public static final String COLLECTION = "customers";

    private static final String ADMIN_REMOVAL = "administratorRemoval";
    private static final String SUSPENSION = "suspension";

    private final org.springframework.data.mongodb.core.MongoTemplate mongo;
    private final OutboxStore outbox;

    OrganizationStore(org.springframework.data.mongodb.core.MongoTemplate mongo, OutboxStore outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    /** An organization as read, with the version a later write must still find. */
    public record Versioned(Organization organization, long version) {
    }

    /** @return false when the organization exists already (it is left as it is) */
    public boolean insertIfAbsent(Organization organization) {
        try {
            outbox.insert(COLLECTION, new Document("_id", organization.id())
                    .append("partnerId", organization.partnerId())
                    .append("sagaId", organization.sagaId())
                    .append("accountName", organization.accountName())
                    .append("companyName", organization.companyName())
                    .append("domains", organization.domains())
                    .append("language", organization.language())
                    .append("contacts", contacts(organization.contacts()))
                    .append("deleted", false)
                    .append("createdAt", Date.from(organization.createdAt())), List.of());
            return true;
        } catch (RuntimeException e) {
            if (MongoWrites.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Organization> find(String id) {
        return findVersioned(id).map(Versioned::organization);
    }

    public Optional<Versioned> findVersioned(String id) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION).find(eq("_id", id)).first())
                .map(d -> new Versioned(toOrganization(d), d.get("version", Number.class).longValue()));
    }

    /** @return false when someone else changed the organization since {@code expectedVersion} */
    public boolean replaceContacts(String id, long expectedVersion, List<Contact> contacts) {
        return outbox.update(COLLECTION, id, expectedVersion, new Document("contacts", contacts(contacts)), List.of());
    }

    /**
     * The compensation: the record of the saga's organization becomes a tombstone without personal data
     * (no names, domains or contacts) and takes the messages to send. Safe to repeat.
     *
     * @return whether the saga's organization exists
     */
    public boolean markDeleted(String id, String sagaId, List<OutgoingMessage> messages) {
        return outbox.updateWhere(COLLECTION, and(eq("_id", id), eq("sagaId", sagaId)),
                new Document("deleted", true)
                        .append("accountName", null)
                        .append("companyName", null)
                        .append("domains", List.of())
                        .append("contacts", List.of()),
                messages);
    }

    /**
     * Records a suspension ({@code suspended}) or resumption of the partner's customer as of {@code at}, unless
     * the stored one is as recent or more recent: events may arrive twice or out of order, and the latest
     * instant wins. A suspension also records when it began ({@code since}); a resumption keeps that, so the
     * record says which suspension it ended. No version bump: contact changes need not lose their optimistic
     * write to it.
     *
     * @return whether the record changed; false for a duplicate, an older event, or a customer of no such partner
     */
    public boolean recordSuspension(String id, String partnerId, boolean suspended, Instant at) {
        Document set = new Document(SUSPENSION + ".suspended", suspended).append(SUSPENSION + ".at", Date.from(at));
        if (suspended) {
            set.append(SUSPENSION + ".since", Date.from(at));
        }
        return mongo.getCollection(COLLECTION).updateOne(
                and(eq("_id", id), eq("partnerId", partnerId),
                        LatestInstant.olderThan(SUSPENSION, at)),
                new Document("$set", set)).getModifiedCount() == 1;
    }

    /** Whether the customer is suspended now (by the latest event received). */
    public boolean isSuspended(String id) {
        return suspension(id).filter(Suspension::suspended).isPresent();
    }

    /** The latest suspension or resumption recorded for the customer, if any. */
    public Optional<Suspension> suspension(String id) {
        Document d = mongo.getCollection(COLLECTION).find(eq("_id", id)).first();
        Document suspension = d == null ? null : d.get(SUSPENSION, Document.class);
        if (suspension == null || suspension.getDate("at") == null) {
            return Optional.empty();
        }
        Date since = suspension.getDate("since");
        return Optional.of(new Suspension(suspension.getBoolean("suspended", false),
                suspension.getDate("at").toInstant(), since == null ? null : since.toInstant()));
    }

    /**
     * Claims the customer's one administrator removal until {@code until}: "at least one administrator
     * remains" spans several user documents, so removals of administrators take turns, and the count is
     * taken while the claim is held. A claim left by a process that died runs out by itself. No version
     * bump: contact changes need not lose their optimistic write to it.
     *
     * @return false while another removal holds an unexpired claim
     */
    public boolean claimAdministratorRemoval(String id, String userId, Instant now, Instant until) {
        return mongo.getCollection(COLLECTION).updateOne(
                and(eq("_id", id), or(eq(ADMIN_REMOVAL + ".until", null), lt(ADMIN_REMOVAL + ".until",
                        Date.from(now)))),
                new Document("$set", new Document(ADMIN_REMOVAL, new Document("userId", userId)
                        .append("until", Date.from(until))))).getMatchedCount() == 1;
    }

    /** Gives the claim back, if it is still this removal's. */
    public void releaseAdministratorRemoval(String id, String userId) {
        mongo.getCollection(COLLECTION).updateOne(and(eq("_id", id), eq(ADMIN_REMOVAL + ".userId", userId)),
                new Document("$unset", new Document(ADMIN_REMOVAL, "")));
    }

    private static List<Document> contacts(List<Contact> contacts) {
        List<Document> documents = new ArrayList<>();
        for (Contact contact : contacts) {
            documents.add(new Document("id", contact.id())
                    .append("kind", contact.kind().name())
                    .append("name", contact.name())
                    .append("email", contact.email())
                    .append("phone", contact.phone()));
        }
        return documents;
    }

    private static Organization toOrganization(Document d) {
        List<Contact> contacts = d.getList("contacts", Document.class, List.of()).stream()
                .map(c -> new Contact(c.getString("id"), ContactKind.valueOf(c.getString("kind")), c.getString("name"),
                        c.getString("email"), c.getString("phone")))
                .toList();
        return new Organization(d.getString("_id"), d.getString("partnerId"), d.getString("sagaId"),
                d.getString("accountName"), d.getString("companyName"), d.getList("domains", String.class, List.of()),
                d.getString("language"), contacts, d.getBoolean("deleted", false), d.getDate("createdAt").toInstant());
    }
}
