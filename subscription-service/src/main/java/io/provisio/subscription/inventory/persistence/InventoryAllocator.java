package io.provisio.subscription.inventory.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.result.UpdateResult;
import io.provisio.subscription.inventory.domain.AllocationOutcome;
import io.provisio.subscription.support.MongoWrites;
import org.bson.Document;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

/**
 * Takes units from, resizes and returns units to a partner's inventory of one plan.
 *
 * <p>The inventory document records what each holder (a subscription) holds:
 * {@code holdings.<key> = units}. Every operation is one conditional update of that single
 * document that moves {@code available}/{@code allocated} and the holding together, so it is atomic
 * on MongoDB and on the embedded store alike, whatever the number of threads or replicas: there is
 * no read-modify-write window in which two allocations could both see the last unit. Each operation
 * is a compare-and-set on the holding, so repeating it (a redelivered command, a redo after a crash,
 * a repeated compensation) changes nothing the second time.
 *
 * @implNote keys must not contain {@code .} or start with {@code $} (MongoDB field names): callers
 * use subscription ids (UUIDs) or saga-derived ids.
 */
public final class InventoryAllocator {

    /** Bounds the compare-and-set retries of a release; each retry means another writer made progress. */
    private static final int MAX_ATTEMPTS = 100;

    private final MongoCollection<Document> inventory;

    /** @param inventory the {@code inventory} collection, e.g. of another client in a concurrency test */
    public InventoryAllocator(MongoCollection<Document> inventory) {
        this.inventory = inventory;
    }

    /** Takes {@code units} units for {@code key} if that many are available and {@code key} holds none yet. */
    public AllocationOutcome allocate(String partnerId, String planCode, String key, int units) {
        String id = InventoryStore.idOf(partnerId, planCode);
        UpdateResult result = inventory.updateOne(
                and(eq("_id", id), gte(InventoryStore.AVAILABLE, units), exists(holding(key), false)),
                combine(inc(InventoryStore.AVAILABLE, -units), inc(InventoryStore.ALLOCATED, units),
                        set(holding(key), units)));
        if (result.getMatchedCount() == 1) {
            return new AllocationOutcome.Allocated();
        }
        // Nothing matched: either this key already holds its units, or there are too few units.
        Document current = inventory.find(eq("_id", id)).first();
        if (current == null) {
            return new AllocationOutcome.Insufficient(0);
        }
        if (held(current, key) != null) {
            return new AllocationOutcome.AlreadyApplied();
        }
        return new AllocationOutcome.Insufficient(MongoWrites.intOf(current, InventoryStore.AVAILABLE));
    }

    /**
     * Changes what {@code key} holds from {@code from} to {@code to} units: takes the difference when
     * growing (if available), returns it when shrinking.
     *
     * @return Allocated when this call changed it, AlreadyApplied when the key already holds {@code to},
     *         Insufficient (with what is available) when too few units are left or the key holds something else
     */
    public AllocationOutcome resize(String partnerId, String planCode, String key, int from, int to) {
        String id = InventoryStore.idOf(partnerId, planCode);
        int delta = to - from;
        UpdateResult result = inventory.updateOne(
                and(eq("_id", id), eq(holding(key), from), gte(InventoryStore.AVAILABLE, Math.max(delta, 0))),
                combine(inc(InventoryStore.AVAILABLE, -delta), inc(InventoryStore.ALLOCATED, delta),
                        set(holding(key), to)));
        if (result.getMatchedCount() == 1) {
            return new AllocationOutcome.Allocated();
        }
        Document current = inventory.find(eq("_id", id)).first();
        if (current == null) {
            return new AllocationOutcome.Insufficient(0);
        }
        Integer held = held(current, key);
        if (held != null && held == to) {
            return new AllocationOutcome.AlreadyApplied();
        }
        return new AllocationOutcome.Insufficient(MongoWrites.intOf(current, InventoryStore.AVAILABLE));
    }

    /**
     * Returns whatever {@code key} holds, if it holds anything.
     *
     * @return the units this call returned; 0 when they were already returned or never taken
     */
    public int release(String partnerId, String planCode, String key) {
        String id = InventoryStore.idOf(partnerId, planCode);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Document current = inventory.find(eq("_id", id)).first();
            Integer held = current == null ? null : held(current, key);
            if (held == null) {
                return 0;
            }
            // Compare-and-set on the holding: a concurrent resize makes this miss, and we read again.
            UpdateResult result = inventory.updateOne(and(eq("_id", id), eq(holding(key), held)),
                    combine(inc(InventoryStore.AVAILABLE, held), inc(InventoryStore.ALLOCATED, -held),
                            unset(holding(key))));
            if (result.getMatchedCount() == 1) {
                return held;
            }
        }
        throw new IllegalStateException("could not release " + key + " of " + id + ": it keeps changing");
    }

    /** What {@code key} holds now, or {@code null}. */
    public Integer holdingOf(String partnerId, String planCode, String key) {
        Document current = inventory.find(eq("_id", InventoryStore.idOf(partnerId, planCode))).first();
        return current == null ? null : held(current, key);
    }

    private static String holding(String key) {
        return InventoryStore.HOLDINGS + "." + key;
    }

    private static Integer held(Document item, String key) {
        Document holdings = item.get(InventoryStore.HOLDINGS, Document.class);
        Object value = holdings == null ? null : holdings.get(key);
        return value instanceof Number n ? n.intValue() : null;
    }
}
