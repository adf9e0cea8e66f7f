package io.provisio.subscription.inventory.persistence;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.subscription.inventory.domain.AllocationOutcome;
import io.provisio.subscription.inventory.persistence.HoldingDocument.Pending;
import io.provisio.subscription.inventory.persistence.InventoryDocument.Registration;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Updates.combine;
import static com.mongodb.client.model.Updates.inc;
import static com.mongodb.client.model.Updates.pull;
import static com.mongodb.client.model.Updates.push;
import static com.mongodb.client.model.Updates.pushEach;
import static com.mongodb.client.model.Updates.set;
import static com.mongodb.client.model.Updates.unset;

/**
 * Takes units from, resizes and returns units to a partner's inventory of one plan (ADR 014).
 *
 * <p>What each holder (a subscription) holds is a document of its own in {@code inventory_holdings}
 * ({@code _id} = inventory id + "/" + key); the inventory document keeps only its counters and the changes in
 * flight, so its size does not grow with the number of subscriptions. Without multi-document transactions, a
 * change of one holding from {@code from} to {@code to} units is four single-document writes:
 * <ol>
 *   <li>the inventory registers the change's id in {@code inflight};</li>
 *   <li>the holding records the change as {@code pending}, by compare-and-set on its units and on there being
 *       no other pending change (one change per holding at a time);</li>
 *   <li>the inventory <b>applies and settles</b> it in one update: counters move and the id leaves
 *       {@code inflight}, only if the id is still registered and enough units are available;</li>
 *   <li>the holding takes its new units and drops {@code pending}.</li>
 * </ol>
 * Step 3 needs the registration and removes it, so no change is applied twice, however late a stalled caller
 * comes back. A change that cannot be applied is <b>voided</b>: its id leaves {@code inflight} for
 * {@code voided} (the last {@value #VOIDED_KEPT} are kept), by an update that races step 3 on the same document,
 * so exactly one of them happens. A holding left pending by a crash is finished by {@link #recoverInterrupted}:
 * registered → voided and dropped; voided → dropped; neither (step 3 ran) → finished. The bound: a crash whose
 * change is voided and then pushed out of {@code voided} by {@value #VOIDED_KEPT} later voids of the same item
 * before recovery runs would be taken for applied.
 *
 * @implNote callers key holdings by subscription ids (UUIDs) or saga-derived ids.
 */
public final class InventoryAllocator {

    /** The holdings, one document per inventory item and holder. */
    public static final String HOLDINGS = "inventory_holdings";
    /** A pending change older than this belongs to a caller that died or hangs; recovery may finish it. */
    public static final Duration STALE = Duration.ofSeconds(60);
    static final int VOIDED_KEPT = 1000;
    private static final String INFLIGHT = "inflight";
    private static final String VOIDED = "voided";
    private static final String PENDING = "pending";
    /** How long a caller waits for another change of the same holding (rounds of {@link #PAUSE}). */
    private static final int MAX_ROUNDS = 3000;
    private static final Duration PAUSE = Duration.ofMillis(10);

    private static final Logger log = LoggerFactory.getLogger(InventoryAllocator.class);

    private final MongoCollection<Document> inventory;
    private final MongoCollection<Document> holdings;
    private final MongoMapping mapping;
    private final Clock clock;

    /** @param mongo the service's database, or one of another client in a concurrency test */
    public InventoryAllocator(MongoTemplate mongo, Clock clock) {
        this.inventory = mongo.getCollection(InventoryStore.COLLECTION);
        this.holdings = mongo.getCollection(HOLDINGS);
        this.mapping = new MongoMapping(mongo.getConverter());
        this.clock = clock;
    }

    /**
     * Recovery finds interrupted changes by {@code pending.since} (only pending holdings carry it), orphan
     * registrations by {@code inflight.at}, and whether a holding names one by {@code pending.op}.
     */
    public void ensureIndexes() {
        inventory.createIndex(Indexes.ascending(INFLIGHT + ".at"), new IndexOptions().sparse(true).name("inflight_at"));
        holdings.createIndex(Indexes.ascending(PENDING + ".since"), new IndexOptions().sparse(true).name("pending_since"));
        holdings.createIndex(Indexes.ascending(PENDING + ".op"), new IndexOptions().sparse(true).name("pending_op"));
    }

    /**
     * Takes {@code units} units for {@code key} if that many are available and {@code key} holds none yet.
     *
     * <p>A key is nearly always new here (a saga's first try), so the first round does not read the holding: it
     * registers the change and inserts the holding as pending, and only when that insert meets a holding already
     * there (a redone action) is the change voided and the holding read, as in every later round. A fresh
     * allocation is then four writes and no read.
     */
    public AllocationOutcome allocate(String partnerId, String planCode, String key, int units) {
        return change(InventoryStore.idOf(partnerId, planCode), key, true, held -> held > 0
                ? Decision.alreadyApplied()
                : Decision.change(0, units)).outcome();
    }

    /**
     * Changes what {@code key} holds from {@code from} to {@code to} units: takes the difference when
     * growing (if available), returns it when shrinking.
     *
     * @return Allocated when this call changed it, AlreadyApplied when the key already holds {@code to},
     *         Insufficient (with what is available) when too few units are left or the key holds something else
     */
    public AllocationOutcome resize(String partnerId, String planCode, String key, int from, int to) {
        return change(InventoryStore.idOf(partnerId, planCode), key, false, held -> held == to
                ? Decision.alreadyApplied()
                : held != from ? Decision.insufficient() : Decision.change(from, to)).outcome();
    }

    /**
     * Returns whatever {@code key} holds, if it holds anything.
     *
     * @return the units this call returned; 0 when they were already returned or never taken
     */
    public int release(String partnerId, String planCode, String key) {
        Changed changed = change(InventoryStore.idOf(partnerId, planCode), key, false,
                held -> held == 0 ? Decision.alreadyApplied() : Decision.change(held, 0));
        return changed.outcome() instanceof AllocationOutcome.Allocated ? changed.from() : 0;
    }

    /** What {@code key} holds now, or {@code null}; a change in flight counts as not made yet. */
    public Integer holdingOf(String partnerId, String planCode, String key) {
        HoldingDocument holding = holding(holdingId(InventoryStore.idOf(partnerId, planCode), key));
        return holding != null && holding.units() > 0 ? holding.units() : null;
    }

    /**
     * Finishes the changes whose caller died between its writes: those pending for longer than {@link #STALE},
     * and registrations older than five times that which no holding names (the caller died before step 2).
     *
     * @return how many it finished
     */
    public int recoverInterrupted() {
        int count = 0;
        Instant staleBefore = clock.instant().minus(STALE);
        for (HoldingDocument holding : holdings.find(lt(PENDING + ".since", Date.from(staleBefore))).limit(100)
                .map(d -> mapping.read(HoldingDocument.class, d)).into(new ArrayList<>())) {
            recover(holding);
            count++;
        }
        Instant orphanBefore = clock.instant().minus(STALE.multipliedBy(5));
        for (InventoryDocument item : inventory.find(lt(INFLIGHT + ".at", Date.from(orphanBefore))).limit(100)
                .map(d -> mapping.read(InventoryDocument.class, d)).into(new ArrayList<>())) {
            for (Registration registration : item.registrations()) {
                String op = registration.op();
                if (registration.at().isBefore(orphanBefore)
                        && holdings.countDocuments(eq(PENDING + ".op", op)) == 0 && voidChange(item.id(), op)) {
                    log.info("Voided change {} of {}: its caller died before it named a holding", op, item.id());
                    count++;
                }
            }
        }
        return count;
    }

    /**
     * Moves the old {@code holdings.<key>} map of inventory documents (before ADR 014) into holding documents,
     * one key at a time: the holding is written first, then the key leaves the map, so a crash between them only
     * repeats the first write. Counters do not move.
     *
     * @return how many holdings it moved
     */
    public int migrateHoldingsMaps() {
        int moved = 0;
        for (Document item : inventory.find(exists("holdings"))
                .into(new ArrayList<>())) {
            String itemId = item.getString("_id");
            Document map = item.get("holdings", Document.class);
            for (var entry : (map == null ? new Document() : map).entrySet()) {
                int units = entry.getValue() instanceof Number n ? n.intValue() : 0;
                if (units > 0) {
                    MongoWrites.insertIfAbsent(holdings, mapping.document(
                            new HoldingDocument(holdingId(itemId, entry.getKey()), itemId, entry.getKey(), units, null)));
                    moved++;
                }
                inventory.updateOne(eq("_id", itemId), unset("holdings." + entry.getKey()));
            }
            inventory.updateOne(and(eq("_id", itemId), eq("holdings", new Document())), unset("holdings"));
        }
        if (moved > 0) {
            log.info("Moved {} holding(s) out of the inventory documents (ADR 014)", moved);
        }
        return moved;
    }

    /**
     * The four steps, for the change {@code rule} decides on the holding as it is; see the class doc.
     *
     * @param likelyNew take the holding for absent in the first round instead of reading it; step 2's insert
     *                  then finds out
     */
    private Changed change(String itemId, String key, boolean likelyNew, Rule rule) {
        String holdingId = holdingId(itemId, key);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            HoldingDocument holding = likelyNew && round == 0 ? null : holding(holdingId);
            Pending pending = holding == null ? null : holding.pending();
            if (pending != null) {
                if (pending.since().isBefore(clock.instant().minus(STALE))) {
                    recover(holding);
                } else {
                    // Another change of this holding is in flight: it ends in milliseconds, or recovery ends it.
                    LockSupport.parkNanos(PAUSE.toNanos());
                }
                continue;
            }
            int held = holding == null ? 0 : holding.units();
            Decision decision = rule.decide(held);
            if (!decision.changes()) {
                return new Changed(decision.alreadyDone() ? new AllocationOutcome.AlreadyApplied()
                        : new AllocationOutcome.Insufficient(available(itemId)), held);
            }
            String op = UUID.randomUUID().toString();
            Instant now = clock.instant();
            // 1. Register the change with the item; no item, nothing to take.
            if (inventory.updateOne(eq("_id", itemId), push(INFLIGHT, mapping.document(new Registration(op, now))))
                    .getMatchedCount() == 0) {
                return new Changed(new AllocationOutcome.Insufficient(0), held);
            }
            // 2. Pending on the holding, if nobody changed it since we read it.
            Pending change = new Pending(op, decision.from(), decision.to(), now);
            boolean marked = holding == null
                    ? MongoWrites.insertIfAbsent(holdings,
                            mapping.document(new HoldingDocument(holdingId, itemId, key, 0, change)))
                    : holdings.updateOne(and(eq("_id", holdingId), eq("units", held), eq(PENDING, null)),
                            set(PENDING, mapping.document(change))).getMatchedCount() == 1;
            if (!marked) {
                voidChange(itemId, op);
                continue;
            }
            // 3. Apply and settle in one update, only while the change is registered.
            int delta = decision.to() - decision.from();
            boolean applied = inventory.updateOne(
                    and(eq("_id", itemId), eq(INFLIGHT + ".op", op), gte(InventoryStore.AVAILABLE, Math.max(delta, 0))),
                    combine(inc(InventoryStore.AVAILABLE, -delta), inc(InventoryStore.ALLOCATED, delta),
                            pull(INFLIGHT, eq("op", op)))).getMatchedCount() == 1;
            if (applied) {
                finish(holdingId, op, decision.to());
                return new Changed(new AllocationOutcome.Allocated(), decision.from());
            }
            // Too few units (we void it), or recovery voided it while we stalled (we look again).
            boolean voidedHere = voidChange(itemId, op);
            drop(holdingId, op);
            if (voidedHere) {
                return new Changed(new AllocationOutcome.Insufficient(available(itemId)), held);
            }
        }
        throw new IllegalStateException("the holding " + holdingId + " kept changing; the caller retries");
    }

    /** Finishes one interrupted change, as the module doc says. Safe to run concurrently with its caller. */
    private void recover(HoldingDocument holding) {
        Pending pending = holding.pending();
        if (pending == null) {
            return;
        }
        String itemId = holding.inventoryId();
        String op = pending.op();
        InventoryDocument item = item(itemId);
        if (item != null && item.registers(op) && voidChange(itemId, op)) {
            drop(holding.id(), op);
            log.info("Voided change {} of holding {}: its caller died before applying it", op, holding.id());
            return;
        }
        item = item(itemId);
        if (item == null || item.voids(op)) {
            drop(holding.id(), op);
        } else {
            finish(holding.id(), op, pending.to());
            log.info("Finished change {} of holding {}: applied before its caller died", op, holding.id());
        }
    }

    /** Step 4: the holding takes its new units (a holding of none is removed). */
    private void finish(String holdingId, String op, int to) {
        if (to == 0) {
            holdings.deleteOne(and(eq("_id", holdingId), eq(PENDING + ".op", op)));
        } else {
            holdings.updateOne(and(eq("_id", holdingId), eq(PENDING + ".op", op)),
                    combine(set("units", to), unset(PENDING)));
        }
    }

    /** The change will not be applied: the holding keeps its units (one of none is removed). */
    private void drop(String holdingId, String op) {
        holdings.deleteOne(and(eq("_id", holdingId), eq(PENDING + ".op", op), eq("units", 0)));
        holdings.updateOne(and(eq("_id", holdingId), eq(PENDING + ".op", op)), unset(PENDING));
    }

    /** Voids a registered change; false when it is not registered (applied, or voided by someone else). */
    private boolean voidChange(String itemId, String op) {
        return inventory.updateOne(and(eq("_id", itemId), eq(INFLIGHT + ".op", op)),
                combine(pull(INFLIGHT, eq("op", op)),
                        pushEach(VOIDED, List.of(op), new PushOptions().slice(-VOIDED_KEPT)))).getMatchedCount() == 1;
    }

    private int available(String itemId) {
        InventoryDocument item = item(itemId);
        return item == null ? 0 : item.available();
    }

    private HoldingDocument holding(String holdingId) {
        return mapping.read(HoldingDocument.class, holdings.find(eq("_id", holdingId)).first());
    }

    private InventoryDocument item(String itemId) {
        return mapping.read(InventoryDocument.class, inventory.find(eq("_id", itemId)).first());
    }

    static String holdingId(String itemId, String key) {
        return itemId + "/" + key;
    }

    /** What to do given what the holding holds now. */
    @FunctionalInterface
    private interface Rule {
        Decision decide(int held);
    }

    /** A change from/to, or none: the holding is already as asked, or it holds something else (insufficient). */
    private record Decision(boolean changes, boolean alreadyDone, int from, int to) {

        static Decision change(int from, int to) {
            return new Decision(true, false, from, to);
        }

        static Decision alreadyApplied() {
            return new Decision(false, true, 0, 0);
        }

        static Decision insufficient() {
            return new Decision(false, false, 0, 0);
        }
    }

    /** How a change ended, and what the holding held before it. */
    private record Changed(AllocationOutcome outcome, int from) {
    }
}
