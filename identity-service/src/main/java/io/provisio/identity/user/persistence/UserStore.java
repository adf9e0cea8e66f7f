package io.provisio.identity.user.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserRole;
import io.provisio.identity.user.domain.UserStatus;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.outbox.OutgoingMessage;
import io.provisio.platform.web.PageQuery;
import org.bson.Document;
import org.bson.conversions.Bson;
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
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Sorts.ascending;

/**
 * The {@code users} collection. Its unique indexes are the rules, enforced by the database even
 * between replicas: one e-mail (case-folded) and one sign-in name ({@code upnKey}, the UPN case-folded)
 * across all partners and customers (ADR 012).
 *
 * <p>A user document carries its pending activation link (only the token's hash) and its outbox
 * ({@code UserCreated}, {@code ScheduleActivationEmail}, {@code UserDeleted}), so a user, its link and the messages about them
 * are written in one atomic operation. Spent links are remembered by hash ({@code spentActivationTokens},
 * the last {@value #SPENT_KEPT}) only to tell "used" and "replaced" apart from "unknown".
 *
 * <p>A user deleted through the API first becomes a tombstone ({@code deleted}, no personal data, its
 * unique keys released) carrying its {@code UserDeleted} in its own outbox: deleting the document at once
 * would drop the event with it. Every read here skips tombstones; {@link #purgeDeleted()} removes them
 * once their outbox is empty.
 *
 * <p>Documents are mapped by Spring Data from {@link UserDocument}, field for field as stored; the filters are the
 * driver's, on the indexes declared here.
 */
@Component
public class UserStore implements InitializingBean {

    public static final String COLLECTION = "users";
    static final String EMAIL_INDEX = "emailKey_unique";
    static final String UPN_INDEX = "upnKey_unique";
    /** Until ADR 012 a username was unique per customer only; its index is dropped where it still exists. */
    static final String OLD_USERNAME_INDEX = "customerId_username_unique";

    private static final Logger log = LoggerFactory.getLogger(UserStore.class);

    static final int SPENT_KEPT = 20;
    /** Inside {@code activation}: when its holder asked (on the expired page) for a new link. */
    static final String RENEWAL_REQUESTED_AT = "renewalRequestedAt";

    /** Matches the users that exist; a tombstone waiting for its UserDeleted to leave does not. */
    private static final Bson LIVE = ne("deleted", true);

    /** Why a link no longer works. */
    public enum Spent { USED, REPLACED }

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
    private final MongoMapping mapping;
    private final OutboxStore outbox;

    UserStore(MongoTemplate mongo, OutboxStore outbox) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
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
                .sort(ascending("createdAt", "_id")).map(this::read).into(new ArrayList<>());
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
            outbox.insert(COLLECTION, mapping.document(UserDocument.of(user)), messages);
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

    public Optional<User> find(String id) {
        return one(and(eq("_id", id), LIVE));
    }

    public Optional<User> findByEmailKey(String emailKey) {
        return one(and(eq("emailKey", emailKey), LIVE));
    }

    /** The live user holding this sign-in name, in any customer of any partner. */
    public Optional<User> findByUpn(String upn) {
        return one(and(eq("upnKey", User.upnKey(upn)), LIVE));
    }

    /** The user whose pending activation link has this hash. */
    public Optional<User> findByActivationHash(String hash) {
        return one(and(eq("activation.hash", hash), LIVE));
    }

    /** Why a link that is no longer pending died, if it ever existed. */
    public Optional<Spent> spent(String hash) {
        return Optional.ofNullable(read(mongo.getCollection(COLLECTION).find(eq("spentActivationTokens.hash", hash))
                        .projection(Projections.include("spentActivationTokens")).first()))
                .flatMap(owner -> owner.spent().stream().filter(s -> hash.equals(s.hash())).findFirst())
                .map(UserDocument.SpentLink::reason);
    }

    /** The customer of the user who once held this (used or replaced) link, to speak its language. */
    public Optional<String> customerOfSpent(String hash) {
        return Optional.ofNullable(read(mongo.getCollection(COLLECTION)
                .find(and(eq("spentActivationTokens.hash", hash), LIVE))
                .projection(Projections.include("customerId")).first())).map(UserDocument::customerId);
    }

    /** When the holder of this pending link asked for a new one, if they did. */
    public Optional<Instant> renewalRequestedAt(String hash) {
        return Optional.ofNullable(read(mongo.getCollection(COLLECTION).find(and(eq("activation.hash", hash), LIVE))
                        .projection(Projections.include("activation")).first()))
                .map(UserDocument::activation).map(UserDocument.Link::renewalRequestedAt);
    }

    /**
     * Records, once per link, that the holder of the pending link asked for a new one, with {@code messages}
     * (the event that tells the partner) in the same write. The mark lives inside the link, so a new link starts
     * without one.
     *
     * @return false when it was recorded before, or the link changed meanwhile (used, replaced)
     */
    public boolean requestRenewal(User user, Instant at, List<OutgoingMessage> messages) {
        return outbox.updateWhere(COLLECTION, and(pending(user), exists("activation." + RENEWAL_REQUESTED_AT, false)),
                fields(Update.update("activation." + RENEWAL_REQUESTED_AT, at)), messages);
    }

    /** A user of the partner's customer. */
    public Optional<User> find(String partnerId, String customerId, String id) {
        return one(and(eq("_id", id), eq("partnerId", partnerId), eq("customerId", customerId), LIVE));
    }

    /** A page of a customer's users, oldest first. */
    public List<User> page(String partnerId, String customerId, int page, int size) {
        List<User> users = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(and(eq("partnerId", partnerId), eq("customerId", customerId), LIVE))
                .sort(ascending("createdAt", "_id"))
                .skip(PageQuery.skip(page, size))
                .limit(size)
                .forEach(d -> users.add(read(d).user()));
        return users;
    }

    public long count(String partnerId, String customerId) {
        return mongo.getCollection(COLLECTION).countDocuments(and(eq("partnerId", partnerId),
                eq("customerId", customerId), LIVE));
    }

    public long countAdministrators(String partnerId, String customerId) {
        return mongo.getCollection(COLLECTION).countDocuments(and(eq("partnerId", partnerId),
                eq("customerId", customerId), eq("role", UserRole.ADMINISTRATOR.name()), LIVE));
    }

    public List<User> bySaga(String sagaId) {
        return many(and(eq("sagaId", sagaId), LIVE));
    }

    /** A customer's live users; partner first, so the {@code partnerId_customerId} index serves it. */
    public List<User> byCustomer(String partnerId, String customerId) {
        return many(and(eq("partnerId", partnerId), eq("customerId", customerId), LIVE));
    }

    /**
     * Deletes the saga's users and every user of its customer; their pending links die with them. Tombstones
     * stay until their own UserDeleted has left ({@link #purgeDeleted()}).
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
        return outbox.updateWhere(COLLECTION, and(eq("_id", user.id()), LIVE), fields(tombstone), messages);
    }

    /**
     * Removes the tombstones whose UserDeleted the broker confirmed. One delete per document, evaluated
     * atomically against its outbox, so a tombstone whose event is still waiting is never removed.
     *
     * @return how many were removed
     */
    public long purgeDeleted() {
        return mongo.getCollection(COLLECTION).deleteMany(and(eq("deleted", true), exists("outbox.0", false)))
                .getDeletedCount();
    }

    /**
     * Replaces the pending link of an INVITED user with {@code next}, the old one remembered as REPLACED, and
     * appends {@code messages}, all in one write. Compare-and-set on the link the caller saw.
     *
     * @return false when the user changed meanwhile (activated, or another new link): decide again
     */
    public boolean replaceActivation(User user, ActivationToken next, List<OutgoingMessage> messages) {
        UserDocument current = read(mongo.getCollection(COLLECTION).find(eq("_id", user.id())).first());
        if (current == null || user.activation() == null) {
            return false;
        }
        Update replaced = Update.update("activation", UserDocument.Link.of(next))
                .set("spentActivationTokens", spentWith(current, user.activation().hash(), Spent.REPLACED));
        return outbox.updateWhere(COLLECTION, pending(user), fields(replaced), messages);
    }

    /**
     * The link is used: the user gets the password hash and turns ACTIVE; the link is remembered as USED.
     *
     * @return false when the link was used (or replaced) meanwhile
     */
    public boolean activate(User user, String passwordHash) {
        UserDocument current = read(mongo.getCollection(COLLECTION).find(eq("_id", user.id())).first());
        if (current == null || user.activation() == null) {
            return false;
        }
        Update activated = Update.update("status", UserStatus.ACTIVE)
                .set("passwordHash", passwordHash)
                .set("activation", null)
                .set("spentActivationTokens", spentWith(current, user.activation().hash(), Spent.USED));
        return outbox.updateWhere(COLLECTION, pending(user), fields(activated), List.of());
    }

    private static Bson pending(User user) {
        return and(eq("_id", user.id()), eq("status", UserStatus.INVITED.name()),
                eq("activation.hash", user.activation().hash()));
    }

    private static List<UserDocument.SpentLink> spentWith(UserDocument current, String hash, Spent reason) {
        List<UserDocument.SpentLink> spent = new ArrayList<>(current.spent());
        spent.add(new UserDocument.SpentLink(hash, reason));
        return spent.subList(Math.max(0, spent.size() - SPENT_KEPT), spent.size());
    }

    private Optional<User> one(Bson filter) {
        return Optional.ofNullable(read(mongo.getCollection(COLLECTION).find(filter).first())).map(UserDocument::user);
    }

    private List<User> many(Bson filter) {
        List<User> users = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(filter).forEach(d -> users.add(read(d).user()));
        return users;
    }

    private UserDocument read(Document document) {
        return mapping.read(UserDocument.class, document);
    }

    private Document fields(Update update) {
        return mapping.fields(UserDocument.class, update);
    }
}
