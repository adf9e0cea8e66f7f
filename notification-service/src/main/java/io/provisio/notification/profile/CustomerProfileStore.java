package io.provisio.notification.profile;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.UpdateOptions;
import io.provisio.platform.mongo.LatestInstant;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * The {@code customer_profiles} collection, one document per customer ({@code _id} = customer id), with the
 * customer's latest suspension or resumption ({@code suspension {suspended, at}}).
 */
public final class CustomerProfileStore {

    public static final String COLLECTION = "customer_profiles";

    private static final String SUSPENSION = "suspension";

    private final MongoTemplate mongo;

    public CustomerProfileStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * Records what the welcome step knows; repeatable. The partner is set only on insert: a customer
     * never changes partner, and a message claiming otherwise must not move it.
     */
    public void saveFromWelcome(CustomerProfile profile, Instant now) {
        Document set = new Document("updatedAt", Date.from(now));
        putIfPresent(set, "administratorEmail", profile.administratorEmail());
        putIfPresent(set, "administratorName", profile.administratorName());
        putIfPresent(set, "language", profile.language());
        putIfPresent(set, "companyName", profile.companyName());
        putIfPresent(set, "partnerName", profile.partnerName());
        collection().updateOne(eq("_id", profile.customerId()),
                new Document("$set", set).append("$setOnInsert", new Document("partnerId", profile.partnerId())),
                new UpdateOptions().upsert(true));
    }

    /** Creates a profile from partial knowledge (an activation request) unless one exists; never overwrites. */
    public void saveIfAbsent(CustomerProfile profile, Instant now) {
        Document insert = new Document("partnerId", profile.partnerId()).append("updatedAt", Date.from(now));
        putIfPresent(insert, "language", profile.language());
        putIfPresent(insert, "companyName", profile.companyName());
        putIfPresent(insert, "partnerName", profile.partnerName());
        collection().updateOne(eq("_id", profile.customerId()), new Document("$setOnInsert", insert),
                new UpdateOptions().upsert(true));
    }

    /**
     * Records a suspension ({@code suspended}) or resumption of the partner's customer as of {@code at}, unless
     * the stored one is as recent or more recent: events may arrive twice or out of order, and the latest instant
     * wins (identity-service's rule). A customer without a profile here, or another partner's, is not created.
     *
     * @return whether the record changed; false for a duplicate, an older event, or a customer of no such partner
     */
    public boolean recordSuspension(String partnerId, String customerId, boolean suspended, Instant at) {
        return collection().updateOne(and(eq("_id", customerId), eq("partnerId", partnerId),
                        LatestInstant.olderThan(SUSPENSION, at)),
                new Document("$set", new Document(SUSPENSION, new Document("suspended", suspended)
                        .append("at", Date.from(at))))).getModifiedCount() == 1;
    }

    /** The latest suspension or resumption of the partner's customer, if one was recorded. */
    public Optional<Suspension> suspension(String partnerId, String customerId) {
        Document profile = collection().find(and(eq("_id", customerId), eq("partnerId", partnerId))).first();
        Document suspension = profile == null ? null : profile.get(SUSPENSION, Document.class);
        return suspension == null || suspension.getDate("at") == null ? Optional.empty()
                : Optional.of(new Suspension(suspension.getBoolean("suspended", false),
                suspension.getDate("at").toInstant()));
    }

    /** The customer's profile if it belongs to this partner; another partner's customer is absent. */
    public Optional<CustomerProfile> find(String partnerId, String customerId) {
        return Optional.ofNullable(collection().find(and(eq("_id", customerId), eq("partnerId", partnerId))).first())
                .map(CustomerProfileStore::toProfile);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    private static void putIfPresent(Document document, String key, String value) {
        if (value != null && !value.isBlank()) {
            document.append(key, value);
        }
    }

    private static CustomerProfile toProfile(Document document) {
        return new CustomerProfile(document.getString("_id"), document.getString("partnerId"),
                document.getString("administratorEmail"), document.getString("administratorName"),
                document.getString("language"), document.getString("companyName"), document.getString("partnerName"));
    }
}
