package io.provisio.subscription.user.persistence;

import java.time.Instant;
import java.util.Date;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.setOnInsert;

/**
 * Collection {@code users}: {@code _id} = partner id + "/" + user id, with customer, UPN and whether
 * the user was deleted. A deleted user stays as a tombstone, so a late or redelivered UserCreated
 * cannot bring it back.
 */
@Component
public class UserStore {

    public static final String COLLECTION = "users";

    private final MongoCollection<Document> users;
    private final MongoMapping mapping;

    UserStore(MongoTemplate mongo) {
        this.users = mongo.getCollection(COLLECTION);
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    static String idOf(String partnerId, String userId) {
        return partnerId + "/" + userId;
    }

    /** @return whether the user is new; an existing user or tombstone is left as it is */
    public boolean insertIfMissing(String partnerId, String customerId, String userId, String upn, Instant at) {
        return MongoWrites.insertIfAbsent(users, mapping.document(
                new UserDocument(idOf(partnerId, userId), partnerId, customerId, userId, upn, false, at)));
    }

    /** Marks the user deleted, creating the tombstone if UserDeleted overtook UserCreated. */
    public void markDeleted(String partnerId, String customerId, String userId, Instant at) {
        users.updateOne(eq("_id", idOf(partnerId, userId)),
                combine(set("deleted", true), set("deletedAt", Date.from(at)),
                        setOnInsert("partnerId", partnerId), setOnInsert("customerId", customerId),
                        setOnInsert("userId", userId)),
                new UpdateOptions().upsert(true));
    }

    /** Whether the partner's customer has this user and it is not deleted. */
    public boolean exists(String partnerId, String customerId, String userId) {
        return users.find(and(eq("_id", idOf(partnerId, userId)), eq("customerId", customerId),
                ne("deleted", true))).first() != null;
    }
}
