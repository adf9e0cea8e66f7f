package io.provisio.identity.staff.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import io.provisio.identity.staff.domain.StaffMember;
import io.provisio.identity.staff.domain.StaffRole;
import io.provisio.identity.staff.domain.StaffStatus;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.ids.Ids;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.platform.outbox.OutboxStore;
import io.provisio.platform.outbox.OutgoingMessage;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Sorts.ascending;
import static com.mongodb.client.model.Updates.set;

/**
 * Staff accounts in {@code staff_users}: one document per person, the sign-in name unique across the platform (a
 * person signs in without saying which partner they work for), listed by partner through its index. A document
 * carries its pending invitation link (only the token's hash, ADR 029) and an outbox: the invitation e-mail's
 * request leaves in the same write as the link it carries. Documents are mapped by Spring Data from
 * {@link StaffDocument} (and the claims from {@link AdminClaim}), field for field as stored; the filters are the
 * driver's, on the indexes declared here.
 */
@Component
public class StaffStore implements InitializingBean {

    public static final String COLLECTION = "staff_users";
    /** One short claim per partner while a change that could take its last active admin is decided. */
    static final String ADMIN_CLAIMS = "staff_admin_claims";

    private final MongoTemplate mongo;
    private final MongoMapping mapping;
    private final OutboxStore outbox;

    StaffStore(MongoTemplate mongo, OutboxStore outbox) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
        this.outbox = outbox;
    }

    /**
     * A partner's claim on admin changes: who holds it, and until when (a lease, for a holder that died). The partner
     * id is configured, so it stays a string whatever it looks like.
     */
    record AdminClaim(@MongoId(FieldType.STRING) String partnerId, String owner, Instant until) {
    }

    /** Which rule refused an insert. */
    public enum Insertion { INSERTED, USERNAME_TAKEN, ID_EXISTS }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("username", Sort.Direction.ASC).unique()
                .named("username_unique"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("partnerId", Sort.Direction.ASC).named("partnerId"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("invitation.hash", Sort.Direction.ASC).sparse()
                .named("invitation_hash"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("usedInvitation", Sort.Direction.ASC).sparse()
                .named("used_invitation"));
        // Accounts from before invitations (bootstrap only) had no status: they were all able to sign in.
        mongo.getCollection(COLLECTION).updateMany(exists("status", false), set("status", StaffStatus.ACTIVE.name()));
    }

    public static String newId() {
        return Ids.newId();
    }

    /** @return false when the id or the sign-in name is taken (the stored account is left as it is) */
    public boolean insertIfAbsent(StaffMember member) {
        return MongoWrites.insertIfAbsent(mongo.getCollection(COLLECTION), document(member));
    }

    /** A new account with the messages about it (its invitation e-mail), in one write. */
    public Insertion insert(StaffMember member, List<OutgoingMessage> messages) {
        try {
            outbox.insert(COLLECTION, document(member), messages);
            return Insertion.INSERTED;
        } catch (RuntimeException e) {
            String index = MongoWrites.violatedIndex(e).orElse(null);
            if (index == null) {
                throw e;
            }
            return "_id_".equals(index) ? Insertion.ID_EXISTS : Insertion.USERNAME_TAKEN;
        }
    }

    public Optional<StaffMember> findByUsername(String username) {
        return one(eq("username", StaffMember.normalize(username)));
    }

    public Optional<StaffMember> find(String id) {
        return one(eq("_id", id));
    }

    /** The partner's own member; another partner's reads as absent. */
    public Optional<StaffMember> find(String partnerId, String id) {
        return find(id).filter(member -> member.partnerId().equals(partnerId));
    }

    public List<StaffMember> page(String partnerId, int page, int size) {
        List<StaffMember> members = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(eq("partnerId", partnerId))
                .sort(ascending("createdAt", "_id"))
                .skip(page * size).limit(size).map(this::member).into(members);
        return members;
    }

    public long count(String partnerId) {
        return mongo.getCollection(COLLECTION).countDocuments(eq("partnerId", partnerId));
    }

    public long countActiveAdmins(String partnerId) {
        return mongo.getCollection(COLLECTION).countDocuments(and(eq("partnerId", partnerId),
                eq("role", StaffRole.PARTNER_ADMIN.name()), eq("status", StaffStatus.ACTIVE.name())));
    }

    /** The INVITED member whose pending link has this hash. */
    public Optional<StaffMember> findByInvitationHash(String hash) {
        return one(and(eq("invitation.hash", hash), eq("status", StaffStatus.INVITED.name())));
    }

    /** The member who set their password with the link of this hash. */
    public Optional<StaffMember> findByUsedInvitation(String hash) {
        return one(eq("usedInvitation", hash));
    }

    /**
     * Replaces an INVITED member's pending link with {@code next} and appends {@code messages} (the new e-mail), if
     * the link is still the one the caller saw; the old link is dead from this write on.
     */
    public boolean replaceInvitation(StaffMember member, ActivationToken next, List<OutgoingMessage> messages) {
        return outbox.updateWhere(COLLECTION, pendingLink(member),
                fields(Update.update("invitation", StaffDocument.Invitation.of(next))), messages);
    }

    /** The link is used: the member gets the password hash and turns ACTIVE; false if the link died meanwhile. */
    public boolean activate(StaffMember member, String passwordHash, Instant now) {
        Update activated = Update.update("status", StaffStatus.ACTIVE)
                .set("passwordHash", passwordHash)
                .set("invitation", null)
                .set("usedInvitation", member.invitation().hash())
                .set("activatedAt", now);
        return outbox.updateWhere(COLLECTION, pendingLink(member), fields(activated), List.of());
    }

    /**
     * Sets role, display name and status as {@code changed} has them, if the stored role and status are still
     * {@code seen}'s (compare-and-set: the last-admin rule was judged on them).
     */
    public boolean change(StaffMember seen, StaffMember changed, Instant now) {
        return outbox.updateWhere(COLLECTION, and(eq("_id", seen.id()), eq("partnerId", seen.partnerId()),
                        eq("role", seen.role().name()), eq("status", seen.status().name())),
                fields(Update.update("role", changed.role()).set("displayName", changed.displayName())
                        .set("status", changed.status()).set("updatedAt", now)), List.of());
    }

    /** A hash re-encoded with a stronger encoding after a successful sign-in. */
    public void replacePasswordHash(String id, String passwordHash) {
        mongo.getCollection(COLLECTION).updateOne(eq("_id", id), set("passwordHash", passwordHash));
    }

    /**
     * Takes the partner's claim on admin changes until {@code until}, unless another change holds it: changes that
     * could take the last active admin take turns, so two of them can never take the last two.
     */
    public boolean claimAdminChange(String partnerId, String owner, Instant now, Instant until) {
        if (MongoWrites.insertIfAbsent(mongo.getCollection(ADMIN_CLAIMS),
                mapping.document(new AdminClaim(partnerId, owner, until)))) {
            return true;
        }
        // Held: free again only once its lease ran out (a process that died holding it).
        return mongo.getCollection(ADMIN_CLAIMS).updateOne(and(eq("_id", partnerId), lt("until", Date.from(now))),
                mapping.update(AdminClaim.class, Update.update("owner", owner).set("until", until)))
                .getMatchedCount() == 1;
    }

    /** Gives the claim back, if it is still this change's. */
    public void releaseAdminChange(String partnerId, String owner) {
        mongo.getCollection(ADMIN_CLAIMS).deleteOne(and(eq("_id", partnerId), eq("owner", owner)));
    }

    private static Bson pendingLink(StaffMember member) {
        if (member.invitation() == null) {
            throw new IllegalArgumentException("member " + member.id() + " has no pending invitation");
        }
        return and(eq("_id", member.id()), eq("status", StaffStatus.INVITED.name()),
                eq("invitation.hash", member.invitation().hash()));
    }

    private Optional<StaffMember> one(Bson filter) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION).find(filter).first()).map(this::member);
    }

    private StaffMember member(Document document) {
        return mapping.read(StaffDocument.class, document).member();
    }

    private Document document(StaffMember member) {
        return mapping.document(StaffDocument.of(member));
    }

    /** The fields an update sets, as the outbox's writes take them. */
    private Document fields(Update update) {
        return mapping.fields(StaffDocument.class, update);
    }
}
