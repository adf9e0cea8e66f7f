package io.provisio.customer.customers.store;

import java.time.Clock;
import java.util.Date;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.provisio.customer.contracts.CustomerProfile;
import io.provisio.platform.mongo.MongoWrites;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Customers in {@code customers}: {@code _id} is the id the saga chose, so every write is
 * idempotent; {@code accountNameKey} ({@code partnerId/accountName}) is unique.
 */
@Component
public class CustomerStore {

    static final String COLLECTION = "customers";

    /** How a registration ended. */
    public enum Registration { REGISTERED, NAME_TAKEN }

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;

    CustomerStore(MongoTemplate mongo, JsonMapper json, Clock clock) {
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
        collection().createIndex(Indexes.ascending("accountNameKey"),
                new IndexOptions().unique(true).name("account_name_per_partner"));
    }

    /** Stores the customer as PROVISIONING; a repeat for the same id is a success. */
    public Registration register(String partnerId, String customerId, String sagaId, CustomerProfile profile) {
        Document customer = Document.parse(json.writeValueAsString(profile))
                .append("_id", customerId)
                .append("partnerId", partnerId)
                .append("sagaId", sagaId)
                .append("accountNameKey", partnerId + "/" + profile.accountName())
                .append("status", "PROVISIONING")
                .append("createdAt", Date.from(clock.instant()))
                .append("activatedAt", null);
        if (MongoWrites.insertIfAbsent(collection(), customer)) {
            return Registration.REGISTERED;
        }
        // Refused: either this very customer (a redo) or another one holding the name.
        return collection().find(eq("_id", customerId)).first() != null
                ? Registration.REGISTERED : Registration.NAME_TAKEN;
    }

    /** PROVISIONING becomes ACTIVE; true also when it already was. False: no such customer. */
    public boolean activate(String partnerId, String customerId) {
        collection().updateOne(and(eq("_id", customerId), eq("partnerId", partnerId), eq("status", "PROVISIONING")),
                new Document("$set", new Document("status", "ACTIVE").append("activatedAt",
                        Date.from(clock.instant()))));
        return find(partnerId, customerId).isPresent();
    }

    /** Deletes the customer, which frees its account name. Safe to repeat. */
    public void delete(String partnerId, String customerId) {
        collection().deleteOne(and(eq("_id", customerId), eq("partnerId", partnerId)));
    }

    public Optional<Document> find(String partnerId, String customerId) {
        return Optional.ofNullable(collection().find(and(eq("_id", customerId), eq("partnerId", partnerId))).first());
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
