package io.provisio.identity.user.persistence;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.User;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.outbox.OutgoingMessage;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Sorts.ascending;
import static io.provisio.identity.user.persistence.UserDocuments.LIVE;

/**
 * The {@code users} collection. Its unique indexes are the rules, enforced by the database even
 * between replicas: one e-mail (case-folded) and one sign-in name ({@code upnKey}, the UPN case-folded)
 * across all partners and customers (ADR 012).
 *
 * <p>A user document carries its pending activation link (only the token's hash, {@link ActivationLinkStore}) and its
 * outbox ({@code UserCreated}, {@code ScheduleActivationEmail}, {@code UserDeleted}), so a user, its link and the
 * messages about them are written in one atomic operation.
 *
 * <p>A user deleted through the API first becomes a tombstone ({@code deleted}, no personal data, its
 * unique keys released) carrying its {@code UserDeleted} in its own outbox: deleting the document at once
 * would drop the event with it. Every read skips tombstones ({@link UserQueries}); {@link DeletedUserSweeper} removes
 * them once their outbox is empty.
 *
 * <p>This store declares the collection's indexes and writes whole users: insert, delete, the saga's compensation.
 * Documents are mapped by Spring Data from {@link UserDocument} ({@link UserDocuments}), field for field as stored; the
 * filters are the driver's, on the indexes declared here.
 */
@Component
public class UserStore implements InitializingBean {

    public static final String COLLECTION = "users";
    static final String EMAIL_INDEX = "emailKey_unique";
    static final String UPN_INDEX = "upnKey_unique";
    /** Until ADR 012 a username was unique per customer only; its index is dropped where it still exists. */
    static final String OLD_USERNAME_INDEX = "customerId_username_unique";

    private static final Logger log = LoggerFactory.getLogger(UserStore.class);

    /**
     * How an insert ended, told by the unique index that refused it: only a refusal by the UPN index means the
     * sign-in name is taken.
     */
    public enum Insertion {
        INSERTED,
        /** A user with this id exists: for a saga's user, the same command delivered again. */
        ID_EXISTS,
        EMAIL_TAKEN,
        UPN_TAKEN
    }

    private final MongoTemplate mongo;
    private final UserDocuments documents;
    private final OutboxStore outbox;

    UserStore(MongoTemplate mongo, UserDocuments documents, OutboxStore outbox) {
        this.mongo = mongo;
        this.documents = documents;
        this.outbox = outbox;
    }

    /** Created here, at start-up and before any consumer runs; auto-index-creation is off in the suite. */
    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("emailKey", Sort.Direction.ASC).unique()
                .named(EMAIL_INDEX));
        // Sparse only so that users stored before the field existed do not collide as nulls while
        // backfillUpnKeys() gives them theirs; every user written since carries one.
        mongo.indexOps(COLLECTION).createIndex(new Index().on("upnKey", Sort.Direction.ASC).unique().sparse()
                .named(UPN_INDEX));
        if (mongo.indexOps(COLLECTION).getIndexInfo().stream().anyMatch(i -> OLD_USERNAME_INDEX.equals(i.getName()))) {
            // The UPN index implies it (a customer's users share one UPN domain) and would blur which rule broke.
            mongo.indexOps(COLLECTION).dropIndex(OLD_USERNAME_INDEX);
        }
        backfillUpnKeys();
        mongo.indexOps(COLLECTION).createIndex(new Index().on("partnerId", Sort.Direction.ASC)
                .on("customerId", Sort.Direction.ASC).named("partnerId_customerId"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("sagaId", Sort.Direction.ASC).named("sagaId"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("activation.hash", Sort.Direction.ASC)
                .named("activation_hash"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("spentActivationTokens.hash", Sort.Direction.ASC)
                .named("spentActivationTokens_hash"));
        // Sparse: only tombstones carry the field, and only until they are purged.
        mongo.indexOps(COLLECTION).createIndex(new Index().on("deleted", Sort.Direction.ASC).sparse()
                .named("deleted"));
    }

    /**
     * Gives every user stored before ADR 012 its {@code upnKey}, oldest first, so that of two users who
     * already share a sign-in name the older keeps it. The younger is left without a key (the sparse index
     * skips it) and logged by id for an operator to rename or delete; it cannot sign in unambiguously anyway.
     * Safe on every start and on replicas starting together: the same value is set again or refused.
     */
    private void backfillUpnKeys() {
        MongoCollection<Document> collection = mongo.getCollection(COLLECTION);
        List<UserDocument> missing = collection.find(exists("upnKey", false))
                .projection(Projections.include("upn", "deleted", "createdAt"))
                .sort(ascending("createdAt", "_id")).map(documents::read).into(new ArrayList<>());
        for (UserDocument user : missing) {
            String id = user.id();
            String key = Boolean.TRUE.equals(user.deleted()) || user.upn() == null
                    ? "deleted:" + id : User.upnKey(user.upn());
            try {
                collection.updateOne(and(eq("_id", id), exists("upnKey", false)), Updates.set("upnKey", key));
            } catch (RuntimeException e) {
                if (!MongoWrites.isDuplicateKey(e)) {
                    throw e;
                }
                log.warn("User {} shares its sign-in name with an older user; it keeps no UPN key until an "
                        + "operator renames or deletes one of them", id);
            }
        }
    }

    /**
     * Inserts the user and the messages about it in one write.
     *
     * @return {@link Insertion#INSERTED}, or which unique rule refused the user
     */
    public Insertion insert(User user, List<OutgoingMessage> messages) {
        try {
            outbox.insert(COLLECTION, documents.document(user), messages);
            return Insertion.INSERTED;
        } catch (RuntimeException e) {
            String index = MongoWrites.violatedIndex(e).orElse(null);
            if (index == null) {
                throw e;
            }
            return switch (index) {
                case "_id_" -> Insertion.ID_EXISTS;
                case EMAIL_INDEX -> Insertion.EMAIL_TAKEN;
                case UPN_INDEX -> Insertion.UPN_TAKEN;
                default -> throw e;
            };
        }
    }

    /**
     * Deletes the saga's users and every user of its customer; their pending links die with them. Tombstones
     * stay until their own UserDeleted has left ({@link DeletedUserSweeper}).
     */
    public long deleteOf(String sagaId, Organization customer) {
        long deleted = mongo.getCollection(COLLECTION).deleteMany(and(eq("sagaId", sagaId), LIVE)).getDeletedCount();
        if (customer != null) {
            // With the partner, so the partnerId_customerId index serves it (by customerId alone it read every user).
            deleted += mongo.getCollection(COLLECTION).deleteMany(and(eq("partnerId", customer.partnerId()),
                    eq("customerId", customer.id()), LIVE)).getDeletedCount();
        }
        return deleted;
    }

    /**
     * Deletes one user in one write: the document becomes a tombstone without personal data, password or
     * links (pending or spent, so a link of the user reads as unknown), its e-mail and sign-in name free again,
     * and takes {@code messages} (its UserDeleted) to send.
     *
     * @return false when the user was deleted meanwhile (or never existed)
     */
    public boolean markDeleted(User user, List<OutgoingMessage> messages) {
        String released = "deleted:" + user.id();
        Update tombstone = Update.update("deleted", true)
                .set("emailKey", released)
                .set("upnKey", released)
                .set("username", released)
                .set("email", null)
                .set("upn", null)
                .set("firstName", null)
                .set("lastName", null)
                .set("displayName", null)
                .set("passwordHash", null)
                .set("activation", null)
                .set("spentActivationTokens", List.of());
        return outbox.updateWhere(COLLECTION, and(eq("_id", user.id()), LIVE), documents.fields(tombstone), messages);
    }
}
