package io.provisio.subscription.subscriptions.persistence;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.push;
import static io.provisio.subscription.subscriptions.persistence.SubscriptionDocuments.LIVE;

/**
 * Per-user units of {@code subscriptions} ({@link SubscriptionDocuments}): one conditional update each on
 * {@code free} and {@code users}, so two requests never hand out the last unit twice.
 */
@Component
public class UserUnitStore {

    private final MongoCollection<Document> subscriptions;

    UserUnitStore(MongoTemplate mongo) {
        this.subscriptions = mongo.getCollection(SubscriptionDocuments.COLLECTION);
    }

    /** @return whether the user now holds a unit of it (false: none left, not live, or gone) */
    public boolean takeUnit(String id, String userId) {
        return subscriptions.updateOne(
                and(eq("_id", id), in("status", LIVE), gte("free", 1), ne("users", userId)),
                combine(inc("free", -1), push("users", userId))).getMatchedCount() == 1
                || subscriptions.find(and(eq("_id", id), eq("users", userId))).first() != null;
    }

    /** @return whether this call gave the user's unit back */
    public boolean returnUnit(String id, String userId) {
        return subscriptions.updateOne(and(eq("_id", id), eq("users", userId)),
                combine(inc("free", 1), pull("users", userId))).getMatchedCount() == 1;
    }

    /** Gives back every unit the user holds of the customer's subscriptions; repeating it changes nothing. */
    public long returnUnitsOf(String partnerId, String customerId, String userId) {
        return subscriptions.updateMany(and(eq("partnerId", partnerId), eq("customerId", customerId),
                eq("users", userId)), combine(inc("free", 1), pull("users", userId))).getModifiedCount();
    }
}
