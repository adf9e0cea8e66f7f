package io.provisio.subscription.assignment.persistence;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.subscription.assignment.domain.Allocation;
import org.bson.Document;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Collection {@code allocations}: what each saga set out to take, {@code _id} = allocation id.
 *
 * <p>An entry is written before its units are taken and is kept afterwards (even once the units
 * are returned). A compensation that overtakes a running action may then still find, and return,
 * units the action takes after the compensation looked: returning is keyed by the entry's holding in the
 * inventory, so releasing an entry that holds nothing is harmless.
 */
@Component
public class AllocationLedger implements SmartInitializingSingleton {

    public static final String COLLECTION = "allocations";

    private final MongoCollection<Document> allocations;
    private final MongoMapping mapping;

    AllocationLedger(MongoTemplate mongo) {
        this.allocations = mongo.getCollection(COLLECTION);
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    /**
     * Once every bean exists and before the bindings start. Non-unique, so the embedded store ignores it; real
     * MongoDB serves compensations from it.
     */
    @Override
    public void afterSingletonsInstantiated() {
        allocations.createIndex(Indexes.ascending("partnerId", "sagaId"));
    }

    /** Records the intent; a redone action finds the same entry (same id, same units) and keeps it. */
    public void record(Allocation allocation) {
        MongoWrites.insertIfAbsent(allocations, mapping.document(AllocationDocument.of(allocation)));
    }

    public List<Allocation> ofSaga(String partnerId, String sagaId) {
        return allocations.find(and(eq("partnerId", partnerId), eq("sagaId", sagaId)))
                .map(d -> mapping.read(AllocationDocument.class, d).allocation())
                .into(new ArrayList<>());
    }
}
