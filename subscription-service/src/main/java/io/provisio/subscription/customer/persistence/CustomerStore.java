package io.provisio.subscription.customer.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.provisio.subscription.support.MongoWrites;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Collection {@code customers}: {@code _id} = customer id, with the partner that owns it and the
 * saga that created it. Written by a successful ASSIGN_PLANS (also with no plans), deleted by its
 * compensation: the REST API answers 404 for any customer not here under the caller's partner id.
 */
@Component
public class CustomerStore {

    public static final String COLLECTION = "customers";

    private final MongoCollection<Document> customers;

    CustomerStore(MongoTemplate mongo) {
        this.customers = mongo.getCollection(COLLECTION);
        // The compensation's deleteOfSaga: without it every undo read the collection whole (the fault suite's store
        // logged 22 such scans in a minute of compensations).
        customers.createIndex(Indexes.ascending("partnerId", "sagaId"), new IndexOptions().name("partnerId_sagaId"));
    }

    public void insertIfMissing(String partnerId, String customerId, String sagaId) {
        MongoWrites.insertIfMissing(customers, new Document("_id", customerId).append("partnerId", partnerId)
                .append("sagaId", sagaId));
    }

    /** Whether the customer exists and is the partner's; another partner's customer is as absent as none. */
    public boolean isOf(String partnerId, String customerId) {
        // find, not countDocuments: a count is an aggregation, which the embedded store runs over every document.
        return customers.find(and(eq("_id", customerId), eq("partnerId", partnerId))).first() != null;
    }

    /** Deletes the customer if this saga created it; a record of another saga stays. */
    public void deleteOf(String partnerId, String customerId, String sagaId) {
        customers.deleteOne(and(eq("_id", customerId), eq("partnerId", partnerId), eq("sagaId", sagaId)));
    }

    public void deleteOfSaga(String partnerId, String sagaId) {
        customers.deleteMany(and(eq("partnerId", partnerId), eq("sagaId", sagaId)));
    }
}
