package io.provisio.subscription.subscription.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.provisio.subscription.subscription.domain.Subscription;
import io.provisio.subscription.subscription.domain.SubscriptionStatus;
import io.provisio.subscription.support.MongoWrites;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/** Collection {@code subscriptions}: {@code _id} = the subscription id (derived from saga and plan). */
@Component
public class SubscriptionStore {

    public static final String COLLECTION = "subscriptions";

    private final MongoCollection<Document> subscriptions;

    SubscriptionStore(MongoTemplate mongo) {
        this.subscriptions = mongo.getCollection(COLLECTION);
    }

    /**
     * Non-unique, so the embedded store ignores them; on MongoDB they serve the customer's listing,
     * the saga's compensation and the (later) activation of due subscriptions.
     */
    public void ensureIndexes() {
        subscriptions.createIndex(Indexes.ascending("partnerId", "customerId", "planCode"));
        subscriptions.createIndex(Indexes.ascending("partnerId", "sagaId"));
        subscriptions.createIndex(Indexes.ascending("status", "startDate"));
    }

    /** @return whether it was new; a subscription created by an earlier run of the action stays as it is */
    public boolean insertIfMissing(Subscription s) {
        return MongoWrites.insertIfMissing(subscriptions, new Document("_id", s.id())
                .append("partnerId", s.partnerId())
                .append("customerId", s.customerId())
                .append("sagaId", s.sagaId())
                .append("planCode", s.planCode())
                .append("units", s.units())
                .append("startDate", MongoWrites.toDate(s.startDate()))
                .append("status", s.status().name())
                .append("billingStartedAt", MongoWrites.toDate(s.billingStartedAt()))
                .append("createdAt", MongoWrites.toDate(s.createdAt())));
    }

    public Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.find(eq("_id", id)).first()).map(SubscriptionStore::toSubscription);
    }

    /** The customer's subscriptions ordered by plan code, only if the customer is the partner's. */
    public List<Subscription> pageOf(String partnerId, String customerId, int skip, int limit) {
        return subscriptions.find(and(eq("partnerId", partnerId), eq("customerId", customerId)))
                .sort(Sorts.ascending("planCode", "_id")).skip(skip).limit(limit)
                .map(SubscriptionStore::toSubscription).into(new ArrayList<>());
    }

    public long countOf(String partnerId, String customerId) {
        return subscriptions.countDocuments(and(eq("partnerId", partnerId), eq("customerId", customerId)));
    }

    public long deleteOfSaga(String partnerId, String sagaId) {
        return subscriptions.deleteMany(and(eq("partnerId", partnerId), eq("sagaId", sagaId))).getDeletedCount();
    }

    private static Subscription toSubscription(Document d) {
        return new Subscription(d.getString("_id"), d.getString("partnerId"), d.getString("customerId"),
                d.getString("sagaId"), d.getString("planCode"), MongoWrites.intOf(d, "units"),
                MongoWrites.toLocalDate(d.getDate("startDate")), SubscriptionStatus.valueOf(d.getString("status")),
                MongoWrites.toInstant(d.getDate("billingStartedAt")), MongoWrites.toInstant(d.getDate("createdAt")));
    }
}
