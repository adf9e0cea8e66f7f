package io.provisio.subscription.inventory.persistence;

import java.time.Instant;
import java.util.List;

import io.provisio.subscription.inventory.domain.InventoryItem;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * An {@code inventory} document as stored: the counters of one partner's plan and the changes in flight
 * ({@code inflight}, registered by the allocator) or voided ({@code voided}, their ids); {@code _id} =
 * partnerId + "/" + planCode. Counters written by {@code $inc} may come back as int or long; the mapping reads either.
 */
record InventoryDocument(@MongoId(FieldType.STRING) String id, String partnerId, String planCode, int units, int allocated, int available,
                         List<Registration> inflight, List<String> voided) {

    /** A new item: all units available, nothing in flight. */
    static InventoryDocument of(String partnerId, String planCode, int units) {
        return new InventoryDocument(InventoryStore.idOf(partnerId, planCode), partnerId, planCode, units, 0, units,
                null, null);
    }

    InventoryItem toItem() {
        return new InventoryItem(partnerId, planCode, units, allocated, available);
    }

    List<Registration> registrations() {
        return inflight == null ? List.of() : inflight;
    }

    boolean registers(String op) {
        return registrations().stream().anyMatch(r -> r.op().equals(op));
    }

    boolean voids(String op) {
        return voided != null && voided.contains(op);
    }

    /** A change the allocator registered with the item (step 1), and when. */
    record Registration(String op, Instant at) {
    }
}
