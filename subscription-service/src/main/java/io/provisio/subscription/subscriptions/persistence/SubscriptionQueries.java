package io.provisio.subscription.subscriptions.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import io.provisio.subscription.subscriptions.domain.PendingChange;
import io.provisio.subscription.subscriptions.domain.Subscription;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.ne;
import static io.provisio.subscription.subscriptions.persistence.SubscriptionDocuments.LIVE;
import static io.provisio.subscription.subscriptions.persistence.SubscriptionDocuments.PENDING;

/**
 * Reads of {@code subscriptions} ({@link SubscriptionDocuments}): one by {@code _id}, and a customer's, which MongoDB
 * serves from the index on {@code (partnerId, customerId, planCode)}.
 */
@Component
public class SubscriptionQueries {

    private final SubscriptionDocuments documents;
    private final MongoCollection<Document> subscriptions;

    SubscriptionQueries(MongoTemplate mongo) {
        this.documents = new SubscriptionDocuments(mongo);
        this.subscriptions = documents.collection();
    }

    public Optional<Subscription> find(String id) {
        return Optional.ofNullable(subscriptions.find(eq("_id", id)).first())
                .map(documents::subscription);
    }

    /** The subscription if it belongs to the partner's customer and is not PENDING; else empty, as if absent. */
    public Optional<Subscription> findOf(String partnerId, String customerId, String id) {
        return Optional.ofNullable(subscriptions.find(and(eq("_id", id), eq("partnerId", partnerId),
                        eq("customerId", customerId), ne("status", PENDING))).first())
                .map(documents::subscription);
    }

    /** The units change in flight on the subscription, if any. */
    public Optional<PendingChange> pendingOf(String id) {
        Document d = subscriptions.find(eq("_id", id)).first();
        return d == null ? Optional.empty() : Optional.ofNullable(documents.pendingOf(d));
    }

    /** The customer's subscriptions ordered by plan code (a PENDING one is not there yet). */
    public List<Subscription> pageOf(String partnerId, String customerId, int skip, int limit) {
        return subscriptions.find(listed(partnerId, customerId))
                .sort(Sorts.ascending("planCode", "_id")).skip(skip).limit(limit)
                .map(documents::subscription).into(new ArrayList<>());
    }

    public long countOf(String partnerId, String customerId) {
        return subscriptions.countDocuments(listed(partnerId, customerId));
    }

    private static Bson listed(String partnerId, String customerId) {
        return and(eq("partnerId", partnerId), eq("customerId", customerId), ne("status", PENDING));
    }

    /** The customer's SCHEDULED and ACTIVE subscriptions. */
    public List<Subscription> liveOf(String partnerId, String customerId) {
        return subscriptions.find(and(eq("partnerId", partnerId), eq("customerId", customerId), in("status", LIVE)))
                .sort(Sorts.ascending("planCode")).map(documents::subscription)
                .into(new ArrayList<>());
    }

    /** The subscriptions in which the user holds a unit. */
    public List<Subscription> heldBy(String partnerId, String customerId, String userId) {
        return subscriptions.find(and(eq("partnerId", partnerId), eq("customerId", customerId), eq("users", userId)))
                .sort(Sorts.ascending("planCode")).map(documents::subscription)
                .into(new ArrayList<>());
    }

    /** Every subscription of the customer, whatever its status: PENDING and CANCELLED ones too. */
    public List<Subscription> allOf(String partnerId, String customerId) {
        return subscriptions.find(and(eq("partnerId", partnerId), eq("customerId", customerId)))
                .map(documents::subscription).into(new ArrayList<>());
    }
}
