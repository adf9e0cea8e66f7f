package io.provisio.subscription.inventory.persistence;

import java.util.List;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.result.UpdateResult;
import io.provisio.subscription.inventory.domain.AllocationOutcome;
import io.provisio.subscription.support.MongoWrites;
import org.bson.Document;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.push;

/**
 * Takes units from and returns units to a partner's inventory of one plan.
 *
 * <p>Each operation is one conditional update of the single inventory document, so it is atomic
 * on MongoDB and on the embedded store alike, whatever the number of threads or replicas: there
 * is no read-modify-write window in which two allocations could both see the last unit. The
 * document lists the ids of the allocations it currently holds ({@code appliedAllocations}); the
 * same id is never taken twice nor returned twice, so a redelivered command, a crash-and-redo or
 * a repeated compensation changes nothing the second time.
 */
public final class InventoryAllocator {

    private final MongoCollection<Document> inventory;

    /** @param inventory the {@code inventory} collection, e.g. of another client in a concurrency test */
    public InventoryAllocator(MongoCollection<Document> inventory) {
        this.inventory = inventory;
    }

    /**
     * Takes {@code units} units if that many are available and {@code allocationId} does not hold any yet.
     */
    public AllocationOutcome allocate(String partnerId, String planCode, String allocationId, int units) {
        String id = InventoryStore.idOf(partnerId, planCode);
        UpdateResult result = inventory.updateOne(
                and(eq("_id", id), gte(InventoryStore.AVAILABLE, units), ne(InventoryStore.APPLIED, allocationId)),
                combine(inc(InventoryStore.AVAILABLE, -units), inc(InventoryStore.ALLOCATED, units),
                        push(InventoryStore.APPLIED, allocationId)));
        if (result.getMatchedCount() == 1) {
            return new AllocationOutcome.Allocated();
        }
        // Nothing matched: either this allocation is already held, or there are too few units.
        Document current = inventory.find(eq("_id", id)).first();
        if (current == null) {
            return new AllocationOutcome.Insufficient(0);
        }
        if (current.getList(InventoryStore.APPLIED, String.class, List.of()).contains(allocationId)) {
            return new AllocationOutcome.AlreadyApplied();
        }
        return new AllocationOutcome.Insufficient(MongoWrites.intOf(current, InventoryStore.AVAILABLE));
    }

    /**
     * Returns exactly the {@code units} {@code allocationId} took, if it still holds them.
     *
     * @param units must be what the allocation took (the saga's allocation ledger knows)
     * @return whether this call returned them; false when they were already returned or never taken
     */
    public boolean release(String partnerId, String planCode, String allocationId, int units) {
        UpdateResult result = inventory.updateOne(
                and(eq("_id", InventoryStore.idOf(partnerId, planCode)), eq(InventoryStore.APPLIED, allocationId)),
                combine(inc(InventoryStore.AVAILABLE, units), inc(InventoryStore.ALLOCATED, -units),
                        pull(InventoryStore.APPLIED, allocationId)));
        return result.getMatchedCount() == 1;
    }
}
