package io.provisio.identity.staff.persistence;

import java.util.Date;
import java.util.Optional;
import java.util.UUID;

import io.provisio.identity.staff.domain.StaffMember;
import io.provisio.identity.staff.domain.StaffRole;
import io.provisio.platform.mongo.MongoWrites;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;

/**
 * Staff accounts in {@code staff_users}: one document per person, the sign-in name unique across the platform (a
 * person signs in without saying which partner they work for), listed by partner through its index.
 */
@Component
public class StaffStore implements InitializingBean {

    static final String COLLECTION = "staff_users";

    private final MongoTemplate mongo;

    StaffStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("username", Sort.Direction.ASC).unique()
                .named("username_unique"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("partnerId", Sort.Direction.ASC).named("partnerId"));
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** @return false when the id or the sign-in name is taken (the stored account is left as it is) */
    public boolean insertIfAbsent(StaffMember member) {
        return MongoWrites.insertIfAbsent(mongo.getCollection(COLLECTION), new Document("_id", member.id())
                .append("partnerId", member.partnerId())
                .append("username", member.username())
                .append("displayName", member.displayName())
                .append("role", member.role().name())
                .append("passwordHash", member.passwordHash())
                .append("createdAt", Date.from(member.createdAt())));
    }

    public Optional<StaffMember> findByUsername(String username) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION)
                .find(eq("username", StaffMember.normalize(username))).first()).map(StaffStore::toMember);
    }

    /** A hash re-encoded with a stronger encoding after a successful sign-in. */
    public void replacePasswordHash(String id, String passwordHash) {
        mongo.getCollection(COLLECTION).updateOne(eq("_id", id), set("passwordHash", passwordHash));
    }

    private static StaffMember toMember(Document document) {
        return new StaffMember(document.getString("_id"), document.getString("partnerId"),
                document.getString("username"), document.getString("displayName"),
                StaffRole.of(document.getString("role")), document.getString("passwordHash"),
                document.getDate("createdAt").toInstant());
    }
}
