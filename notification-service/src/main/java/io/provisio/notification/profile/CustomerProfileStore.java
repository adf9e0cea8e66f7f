package io.provisio.notification.profile;

import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOptions;
import io.provisio.platform.mongo.LatestInstant;
import io.provisio.platform.mongo.MongoMapping;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * The {@code customer_profiles} collection, one document per customer ({@code _id} = customer id), with the
 * customer's latest suspension or resumption ({@code suspension {suspended, at}}). Updates and reads are mapped by
 * Spring Data from {@link CustomerProfileDocument}; the filters are the driver's.
 */
public final class CustomerProfileStore {

    public static final String COLLECTION = "customer_profiles";

    private static final String SUSPENSION = "suspension";

    private final MongoTemplate mongo;
    private final MongoMapping mapping;

    public CustomerProfileStore(MongoTemplate mongo) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    /**
     * Records what the welcome step knows; repeatable. The partner is set only on insert: a customer
     * never changes partner, and a message claiming otherwise must not move it.
     */
    public void saveFromWelcome(CustomerProfile profile, Instant now) {
        Update update = new Update().set("updatedAt", now);
        setIfPresent(update::set, "administratorEmail", profile.administratorEmail());
        setIfPresent(update::set, "administratorName", profile.administratorName());
        setIfPresent(update::set, "language", profile.language());
        setIfPresent(update::set, "companyName", profile.companyName());
        setIfPresent(update::set, "partnerName", profile.partnerName());
        upsert(profile.customerId(), update.setOnInsert("partnerId", profile.partnerId()));
    }

    /** Creates a profile from partial knowledge (an activation request) unless one exists; never overwrites. */
    public void saveIfAbsent(CustomerProfile profile, Instant now) {
        Update insert = new Update().setOnInsert("partnerId", profile.partnerId()).setOnInsert("updatedAt", now);
        setIfPresent(insert::setOnInsert, "language", profile.language());
        setIfPresent(insert::setOnInsert, "companyName", profile.companyName());
        setIfPresent(insert::setOnInsert, "partnerName", profile.partnerName());
        upsert(profile.customerId(), insert);
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
                mapping.update(CustomerProfileDocument.class, Update.update(SUSPENSION,
                        new CustomerProfileDocument.SuspensionDocument(suspended, at)))).getModifiedCount() == 1;
    }

    /** The latest suspension or resumption of the partner's customer, if one was recorded. */
    public Optional<Suspension> suspension(String partnerId, String customerId) {
        // The dispatcher asks for every e-mail it claims: only the suspension is read.
        return profile(partnerId, customerId, Projections.include(SUSPENSION)).map(CustomerProfileDocument::suspension)
                .filter(suspension -> suspension.at() != null)
                .map(CustomerProfileDocument.SuspensionDocument::suspension);
    }

    /** The customer's profile if it belongs to this partner; another partner's customer is absent. */
    public Optional<CustomerProfile> find(String partnerId, String customerId) {
        return profile(partnerId, customerId, null).map(CustomerProfileDocument::profile);
    }

    /** @param fields the fields to read, {@code null} for all */
    private Optional<CustomerProfileDocument> profile(String partnerId, String customerId, Bson fields) {
        return Optional.ofNullable(mapping.read(CustomerProfileDocument.class,
                collection().find(and(eq("_id", customerId), eq("partnerId", partnerId))).projection(fields).first()));
    }

    private void upsert(String customerId, Update update) {
        collection().updateOne(eq("_id", customerId), mapping.update(CustomerProfileDocument.class, update),
                new UpdateOptions().upsert(true));
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }

    /** A message that left a field out, or blank, leaves the stored one as it is. */
    private static void setIfPresent(BiConsumer<String, Object> update, String key, String value) {
        if (value != null && !value.isBlank()) {
            update.accept(key, value);
        }
    }
}
