package io.provisio.subscription.inventory.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.subscription.inventory.domain.InventoryItem;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.eq;

/**
 * Collection {@code inventory}: one document per partner and plan, {@code _id} = partnerId + "/" + planCode,
 * holding {@code units} (bought), {@code allocated}, {@code available} and the changes in flight; what each
 * subscription holds is in {@link InventoryAllocator#HOLDINGS} (ADR 014).
 */
@Component
public class InventoryStore {

    public static final String COLLECTION = "inventory";
    static final String UNITS = "units";
    static final String ALLOCATED = "allocated";
    static final String AVAILABLE = "available";

    private final MongoCollection<Document> inventory;
    private final MongoMapping mapping;

    InventoryStore(MongoTemplate mongo) {
        this.inventory = mongo.getCollection(COLLECTION);
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    public static String idOf(String partnerId, String planCode) {
        return partnerId + "/" + planCode;
    }

    /** Non-unique, so the embedded store ignores it; real MongoDB serves the partner's listing from it. */
    void ensureIndexes() {
        inventory.createIndex(Indexes.ascending("partnerId", "planCode"));
    }

    /** @return whether it was new; an existing item keeps its units and allocations */
    public boolean insertIfMissing(String partnerId, String planCode, int units) {
        return MongoWrites.insertIfAbsent(inventory, mapping.document(InventoryDocument.of(partnerId, planCode, units)));
    }

    /**
     * Sets what the partner bought (operator). One conditional update: {@code units} must still be
     * what was read and {@code available} must cover a reduction, so units never drop below what is
     * allocated, whatever allocations run meanwhile (they move {@code available}, never {@code units}).
     *
     * @return the item as it is now, or empty when it would drop below the allocated units
     */
    public Optional<InventoryItem> setUnits(String partnerId, String planCode, int units) {
        String id = idOf(partnerId, planCode);
        for (int attempt = 0; attempt < 100; attempt++) {
            if (insertIfMissing(partnerId, planCode, units)) {
                return find(partnerId, planCode);
            }
            InventoryItem current = find(partnerId, planCode).orElseThrow();
            int delta = units - current.units();
            if (current.available() + delta < 0) {
                return Optional.empty();
            }
            long matched = inventory.updateOne(
                    Filters.and(eq("_id", id), eq(UNITS, current.units()), Filters.gte(AVAILABLE, -delta)),
                    Updates.combine(Updates.inc(UNITS, delta), Updates.inc(AVAILABLE, delta))).getMatchedCount();
            if (matched == 1) {
                return find(partnerId, planCode);
            }
        }
        throw new IllegalStateException("inventory " + id + " keeps changing");
    }

    public Optional<InventoryItem> find(String partnerId, String planCode) {
        return Optional.ofNullable(inventory.find(eq("_id", idOf(partnerId, planCode))).first())
                .map(this::toItem);
    }

    /** The partner's items ordered by plan code. */
    public List<InventoryItem> pageOf(String partnerId, int skip, int limit) {
        return inventory.find(eq("partnerId", partnerId)).sort(Sorts.ascending("planCode")).skip(skip).limit(limit)
                .map(this::toItem).into(new ArrayList<>());
    }

    public long countOf(String partnerId) {
        return inventory.countDocuments(eq("partnerId", partnerId));
    }

    private InventoryItem toItem(Document document) {
        return mapping.read(InventoryDocument.class, document).toItem();
    }
}
