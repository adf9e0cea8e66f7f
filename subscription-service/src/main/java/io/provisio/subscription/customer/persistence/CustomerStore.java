package io.provisio.subscription.customer.persistence;

import java.time.Instant;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.provisio.platform.mongo.LatestInstant;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.subscription.customer.domain.Suspension;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;

/**
 * Collection {@code customers}: {@code _id} = customer id, with the partner that owns it, the saga that
 * created it and its latest suspension or resumption ({@code suspension {suspended, at}}). Written by a
 * successful ASSIGN_PLANS (also with no plans), deleted by its compensation: the REST API answers 404 for any
 * customer not here under the caller's partner id.
 */
@Component
public class CustomerStore {

    public static final String COLLECTION = "customers";

    private static final String SUSPENSION = "suspension";

    private final MongoCollection<Document> customers;
    private final MongoMapping mapping;

    CustomerStore(MongoTemplate mongo) {
        this.customers = mongo.getCollection(COLLECTION);
        this.mapping = new MongoMapping(mongo.getConverter());
        // The compensation's deleteOfSaga: without it every undo read the collection whole (the fault suite's store
        // logged 22 such scans in a minute of compensations).
        customers.createIndex(Indexes.ascending("partnerId", "sagaId"), new IndexOptions().name("partnerId_sagaId"));
    }

    public void insertIfMissing(String partnerId, String customerId, String sagaId) {
        MongoWrites.insertIfAbsent(customers,
                mapping.document(new CustomerDocument(customerId, partnerId, sagaId, null)));
    }

    /** Whether the customer exists and is the partner's; another partner's customer is as absent as none. */
    public boolean isOf(String partnerId, String customerId) {
        // find, not countDocuments: a count is an aggregation, which the embedded store runs over every document.
        return customers.find(and(eq("_id", customerId), eq("partnerId", partnerId))).first() != null;
    }

    /**
     * Records a suspension ({@code suspended}) or resumption of the partner's customer as of {@code at}, unless
     * the stored one is as recent or more recent: events may arrive twice or out of order, and the latest instant
     * wins (identity-service's rule). A customer not here, or another partner's, is not created.
     *
     * @return whether the record changed; false for a duplicate, an older event, or a customer of no such partner
     */
    public boolean recordSuspension(String partnerId, String customerId, boolean suspended, Instant at) {
        return customers.updateOne(and(eq("_id", customerId), eq("partnerId", partnerId),
                        LatestInstant.olderThan(SUSPENSION, at)),
                set(SUSPENSION, mapping.document(new Suspension(suspended, at)))).getModifiedCount() == 1;
    }

    /** The latest suspension or resumption recorded for the partner's customer, if any. */
    public Optional<Suspension> suspension(String partnerId, String customerId) {
        CustomerDocument customer = mapping.read(CustomerDocument.class,
                customers.find(and(eq("_id", customerId), eq("partnerId", partnerId))).first());
        return Optional.ofNullable(customer).map(CustomerDocument::suspension).filter(s -> s.at() != null);
    }

    /** Deletes the customer if this saga created it; a record of another saga stays. */
    public void deleteOf(String partnerId, String customerId, String sagaId) {
        customers.deleteOne(and(eq("_id", customerId), eq("partnerId", partnerId), eq("sagaId", sagaId)));
    }

    public void deleteOfSaga(String partnerId, String sagaId) {
        customers.deleteMany(and(eq("partnerId", partnerId), eq("sagaId", sagaId)));
    }
}
