package io.provisio.identity.user.persistence;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserRole;
import io.provisio.identity.user.domain.UserStatus;
import io.provisio.platform.web.PageQuery;
import io.provisio.platform.mongo.MongoWrites;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Sorts.ascending;

/**
 * The {@code users} collection. Its unique indexes are the rules, enforced by the database even
 * between replicas: one e-mail (case-folded) across all partners, one username per customer.
 */
@Component
public class UserStore implements InitializingBean {

    static final String COLLECTION = "users";

    private final MongoTemplate mongo;

    UserStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Created here, at start-up and before any consumer runs; auto-index-creation is off in the suite. */
    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("emailKey", Sort.Direction.ASC).unique()
                .named("emailKey_unique"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("customerId", Sort.Direction.ASC)
                .on("username", Sort.Direction.ASC).unique().named("customerId_username_unique"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("partnerId", Sort.Direction.ASC)
                .on("customerId", Sort.Direction.ASC).named("partnerId_customerId"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("sagaId", Sort.Direction.ASC).named("sagaId"));
    }

    /** @return false when a unique index refused the user (same id, e-mail or username) */
    public boolean insert(User user) {
        return MongoWrites.insertIfAbsent(mongo.getCollection(COLLECTION), toDocument(user));
    }

    public Optional<User> find(String id) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION).find(eq("_id", id)).first()).map(UserStore::toUser);
    }

    public Optional<User> findByEmailKey(String emailKey) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION).find(eq("emailKey", emailKey)).first())
                .map(UserStore::toUser);
    }

    public Optional<User> findByUsername(String customerId, String username) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION)
                .find(and(eq("customerId", customerId), eq("username", username))).first()).map(UserStore::toUser);
    }

    /** A page of a customer's users, oldest first, seen by its own partner only. */
    public List<User> page(String partnerId, String customerId, int page, int size) {
        List<User> users = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(and(eq("partnerId", partnerId), eq("customerId", customerId)))
                .sort(ascending("createdAt", "_id"))
                .skip(PageQuery.skip(page, size))
                .limit(size)
                .forEach(d -> users.add(toUser(d)));
        return users;
    }

    public long count(String partnerId, String customerId) {
        return mongo.getCollection(COLLECTION).countDocuments(and(eq("partnerId", partnerId),
                eq("customerId", customerId)));
    }

    public List<User> bySaga(String sagaId) {
        List<User> users = new ArrayList<>();
        mongo.getCollection(COLLECTION).find(eq("sagaId", sagaId)).forEach(d -> users.add(toUser(d)));
        return users;
    }

    public long deleteBySaga(String sagaId) {
        return mongo.getCollection(COLLECTION).deleteMany(eq("sagaId", sagaId)).getDeletedCount();
    }

    private static Document toDocument(User user) {
        return new Document("_id", user.id())
                .append("partnerId", user.partnerId())
                .append("customerId", user.customerId())
                .append("sagaId", user.sagaId())
                .append("username", user.username())
                .append("upn", user.upn())
                .append("firstName", user.firstName())
                .append("lastName", user.lastName())
                .append("displayName", user.displayName())
                .append("email", user.email())
                .append("emailKey", user.emailKey())
                .append("passwordHash", user.passwordHash())
                .append("role", user.role().name())
                .append("status", user.status().name())
                .append("createdAt", Date.from(user.createdAt()));
    }

    private static User toUser(Document d) {
        return new User(d.getString("_id"), d.getString("partnerId"), d.getString("customerId"),
                d.getString("sagaId"), d.getString("username"), d.getString("upn"), d.getString("firstName"),
                d.getString("lastName"), d.getString("displayName"), d.getString("email"), d.getString("emailKey"),
                d.getString("passwordHash"), UserRole.valueOf(d.getString("role")),
                UserStatus.valueOf(d.getString("status")), d.getDate("createdAt").toInstant());
    }
}
