package io.provisio.customer.customers.store;

import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.provisio.platform.mongo.MongoMapping;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * What every store of {@code customers} shares: the collection, its indexes and the mapping through
 * {@link CustomerDocument} (documents and updates mapped by Spring Data, field for field as stored; the filters are
 * the driver's). Each store serves one use: {@link CustomerStore} the saga's steps, {@link CustomerQueries} the
 * reads, {@link CustomerChanges} the changes a partner asks for, {@link CustomerSetupStore} the delegated setup and
 * the platform sub-domain.
 */
final class CustomerDocuments {

    private final MongoCollection<Document> collection;
    private final MongoMapping mapping;

    CustomerDocuments(MongoTemplate mongo) {
        this.collection = mongo.getCollection(CustomerStore.COLLECTION);
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    void ensureIndexes() {
        collection.createIndex(Indexes.ascending("accountNameKey"),
                new IndexOptions().unique(true).name("account_name_per_partner"));
        // Ignored by the embedded store, used by MongoDB: the list's filters and order.
        collection.createIndex(Indexes.ascending("partnerId", "parentCustomerId", "accountName"),
                new IndexOptions().name("children_by_name"));
        // Finds the customers registered before sub-domains were claimed (none, after the first start).
        collection.createIndex(Indexes.ascending("subdomain"), new IndexOptions().name("subdomain"));
    }

    MongoCollection<Document> collection() {
        return collection;
    }

    MongoMapping mapping() {
        return mapping;
    }

    /** The partner's customer as stored; another partner's is absent. */
    Optional<CustomerDocument> find(String partnerId, String customerId) {
        return Optional.ofNullable(read(collection.find(and(eq("_id", customerId), eq("partnerId", partnerId)))
                .first()));
    }

    CustomerDocument read(Document document) {
        return mapping.read(CustomerDocument.class, document);
    }

    /** The update as {@link CustomerDocument}'s properties map it: enums as names, instants as dates. */
    Document update(Update update) {
        return mapping.update(CustomerDocument.class, update);
    }
}
