package io.provisio.subscription.inventory.application;

import io.provisio.subscription.inventory.domain.AllocationOutcome;
import io.provisio.subscription.inventory.domain.InventoryItem;
import io.provisio.subscription.inventory.persistence.InventoryAllocator;
import io.provisio.subscription.inventory.persistence.InventoryStore;
import org.springframework.stereotype.Service;

/**
 * The partners' inventories as the other features use them: units taken, resized and returned per holder (a
 * subscription's id), each change atomic and idempotent ({@link InventoryAllocator}, ADR 014).
 */
@Service
public class Inventory {

    private final InventoryStore items;
    private final InventoryAllocator allocator;

    Inventory(InventoryStore items, InventoryAllocator allocator) {
        this.items = items;
        this.allocator = allocator;
    }

    /** Units the partner can still hand out of the plan; 0 without an inventory of it. */
    public int available(String partnerId, String planCode) {
        return items.find(partnerId, planCode).map(InventoryItem::available).orElse(0);
    }

    /** Takes {@code units} for {@code holder} if that many are available and it holds none yet. */
    public AllocationOutcome allocate(String partnerId, String planCode, String holder, int units) {
        return allocator.allocate(partnerId, planCode, holder, units);
    }

    /** Moves what {@code holder} holds from {@code from} to {@code to} units. */
    public AllocationOutcome resize(String partnerId, String planCode, String holder, int from, int to) {
        return allocator.resize(partnerId, planCode, holder, from, to);
    }

    /** @return the units given back; 0 when {@code holder} holds none (again) */
    public int release(String partnerId, String planCode, String holder) {
        return allocator.release(partnerId, planCode, holder);
    }

    /** What {@code holder} holds now, or {@code null} when nothing; a change in flight counts as not made yet. */
    public Integer holdingOf(String partnerId, String planCode, String holder) {
        return allocator.holdingOf(partnerId, planCode, holder);
    }

    /** Finishes the changes a crashed caller left; see {@link InventoryAllocator#recoverInterrupted}. */
    public int recoverInterrupted() {
        return allocator.recoverInterrupted();
    }

    /** @return whether the item was new; an existing one keeps its units and allocations (bootstrap) */
    public boolean addIfMissing(String partnerId, String planCode, int units) {
        return items.insertIfMissing(partnerId, planCode, units);
    }
}
