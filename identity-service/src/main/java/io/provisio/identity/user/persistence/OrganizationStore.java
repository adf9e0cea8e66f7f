package io.provisio.identity.user.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import io.provisio.identity.user.domain.Contact;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.Suspension;
import io.provisio.platform.mongo.LatestInstant;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.outbox.OutgoingMessage;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

/**
 * The {@code customers} collection: identity's own record of each customer organization, with its
 * support contacts inside and an outbox (the {@code UserDeleted} events of a compensation leave from
 * here, as the users they speak of are deleted). Contact changes are optimistic writes on its version;
 * removals of administrators take turns on its {@code administratorRemoval} claim. Documents are mapped by Spring Data
 * from {@link OrganizationDocument}.
 */
@Component
public class OrganizationStore {

    public static final String COLLECTION = "customers";

    private static final String ADMIN_REMOVAL = "administratorRemoval";
    private static final String SUSPENSION = "suspension";

    private final MongoTemplate mongo;
    private final MongoMapping mapping;
    private final OutboxStore outbox;

    OrganizationStore(MongoTemplate mongo, OutboxStore outbox) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
        this.outbox = outbox;
    }

    /** An organization as read, with the version a later write must still find. */
    public record Versioned(Organization organization, long version) {
    }

    /** @return false when the organization exists already (it is left as it is) */
    public boolean insertIfAbsent(Organization organization) {
        try {
            outbox.insert(COLLECTION, mapping.document(OrganizationDocument.of(organization)), List.of());
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
        return document(id).map(d -> new Versioned(d.organization(), d.version()));
    }

    /** @return false when someone else changed the organization since {@code expectedVersion} */
    public boolean replaceContacts(String id, long expectedVersion, List<Contact> contacts) {
        return outbox.update(COLLECTION, id, expectedVersion,
                fields(Update.update("contacts", OrganizationDocument.contacts(contacts))), List.of());
    }

    /**
     * The compensation: the record of the saga's organization becomes a tombstone without personal data
     * (no names, domains or contacts) and takes the messages to send. Safe to repeat.
     *
     * @return whether the saga's organization exists
     */
    public boolean markDeleted(String id, String sagaId, List<OutgoingMessage> messages) {
        return outbox.updateWhere(COLLECTION, and(eq("_id", id), eq("sagaId", sagaId)),
                fields(Update.update("deleted", true)
                        .set("accountName", null)
                        .set("companyName", null)
                        .set("domains", List.of())
                        .set("contacts", List.of())),
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
        Update set = Update.update(SUSPENSION + ".suspended", suspended).set(SUSPENSION + ".at", at);
        if (suspended) {
            set.set(SUSPENSION + ".since", at);
        }
        return mongo.getCollection(COLLECTION).updateOne(
                and(eq("_id", id), eq("partnerId", partnerId),
                        LatestInstant.olderThan(SUSPENSION, at)),
                update(set)).getModifiedCount() == 1;
    }

    /** Whether the customer is suspended now (by the latest event received). */
    public boolean isSuspended(String id) {
        return suspension(id).filter(Suspension::suspended).isPresent();
    }

    /** The latest suspension or resumption recorded for the customer, if any. */
    public Optional<Suspension> suspension(String id) {
        return document(id).map(OrganizationDocument::suspension).filter(s -> s.at() != null)
                .map(OrganizationDocument.SuspensionDocument::suspension);
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
                update(Update.update(ADMIN_REMOVAL, new OrganizationDocument.RemovalClaim(userId, until))))
                .getMatchedCount() == 1;
    }

    /** Gives the claim back, if it is still this removal's. */
    public void releaseAdministratorRemoval(String id, String userId) {
        mongo.getCollection(COLLECTION).updateOne(and(eq("_id", id), eq(ADMIN_REMOVAL + ".userId", userId)),
                update(new Update().unset(ADMIN_REMOVAL)));
    }

    private Optional<OrganizationDocument> document(String id) {
        return Optional.ofNullable(mapping.read(OrganizationDocument.class,
                mongo.getCollection(COLLECTION).find(eq("_id", id)).first()));
    }

    private Document fields(Update update) {
        return mapping.fields(OrganizationDocument.class, update);
    }

    private Document update(Update update) {
        return mapping.update(OrganizationDocument.class, update);
    }
}
