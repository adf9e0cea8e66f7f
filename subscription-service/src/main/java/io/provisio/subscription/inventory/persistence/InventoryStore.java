package io.provisio.subscription.inventory.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import io.provisio.subscription.inventory.domain.InventoryItem;
import io.provisio.subscription.support.MongoWrites;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.eq;

/**
 * Collection {@code inventory}: one document per partner and plan, {@code _id} = partnerId + "/" + planCode,
 * holding {@code units} (bought), {@code allocated}, {@code available} and {@code appliedAllocations}.
 */
@Component
public class InventoryStore {

    public static final String COLLECTION = "inventory";
    static final String UNITS = "units";
    static final String ALLOCATED = "allocated";
    static final String AVAILABLE = "available";
    static final String APPLIED = "appliedAllocations";

    private final MongoCollection<Document> inventory;

    InventoryStore(MongoTemplate mongo) {
        this.inventory = mongo.getCollection(COLLECTION);
    }

    public static String idOf(String partnerId, String planCode) {
        return partnerId + "/" + planCode;
    }

    /** Non-unique, so the embedded store ignores it; real MongoDB serves the partner's listing from it. */
    public void ensureIndexes() {
        inventory.createIndex(Indexes.ascending("partnerId", "planCode"));
    }

    /** @return whether it was new; an existing item keeps its units and allocations */
    public boolean insertIfMissing(String partnerId, String planCode, int units) {
        return MongoWrites.insertIfMissing(inventory, new Document("_id", idOf(partnerId, planCode))
                .append("partnerId", partnerId)
                .append("planCode", planCode)
                .append(UNITS, units)
                .append(ALLOCATED, 0)
                .append(AVAILABLE, units)
                .append(APPLIED, List.of()));
    }

    public Optional<InventoryItem> find(String partnerId, String planCode) {
        return Optional.ofNullable(inventory.find(eq("_id", idOf(partnerId, planCode))).first())
                .map(InventoryStore::toItem);
    }

    /** The partner's items ordered by plan code. */
    public List<InventoryItem> pageOf(String partnerId, int skip, int limit) {
        return inventory.find(eq("partnerId", partnerId)).sort(Sorts.ascending("planCode")).skip(skip).limit(limit)
                .map(InventoryStore::toItem).into(new ArrayList<>());
    }

    public long countOf(String partnerId) {
        return inventory.countDocuments(eq("partnerId", partnerId));
    }

    private static InventoryItem toItem(Document d) {
        return new InventoryItem(d.getString("partnerId"), d.getString("planCode"), MongoWrites.intOf(d, UNITS),
                MongoWrites.intOf(d, ALLOCATED), MongoWrites.intOf(d, AVAILABLE));
    }
}
