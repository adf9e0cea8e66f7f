package io.provisio.subscription.inventory.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import io.provisio.devstack.Infrastructure;
import io.provisio.subscription.inventory.domain.AllocationOutcome;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two allocators on two separate clients, as two replicas would be, racing for one inventory
 * document; and the changes a caller left half done (ADR 014). No Spring and no broker: only the store's
 * single-document atomicity is under test.
 */
class InventoryAllocatorConcurrencyIT {

    private static final String DATABASE = "subscriptions-allocation-it";
    private static final String PLAN = "HOSTED-EXCHANGE";

    private static MongoClient replicaA;
    private static MongoClient replicaB;
    private static InventoryAllocator allocatorA;
    private static InventoryAllocator allocatorB;
    private static MongoCollection<Document> inventory;
    private static MongoCollection<Document> holdings;
    private static final MutableClock CLOCK = new MutableClock();

    @BeforeAll
    static void connect() {
        replicaA = MongoClients.create(Infrastructure.mongoUri());
        replicaB = MongoClients.create(Infrastructure.mongoUri());
        inventory = replicaA.getDatabase(DATABASE).getCollection(InventoryStore.COLLECTION);
        holdings = replicaA.getDatabase(DATABASE).getCollection(InventoryAllocator.HOLDINGS);
        allocatorA = new InventoryAllocator(new MongoTemplate(replicaA, DATABASE), CLOCK);
        allocatorB = new InventoryAllocator(new MongoTemplate(replicaB, DATABASE), CLOCK);
    }

    @AfterAll
    static void disconnect() {
        replicaA.getDatabase(DATABASE).drop();
        replicaA.close();
        replicaB.close();
    }

    @Test
    void allocatesExactlyTheInventoryWhenFiftyAllocationsRaceForThirtyUnits() throws Exception {
        String partner = newPartnerWithUnits(30);

        List<AllocationOutcome> outcomes = race(50, i -> allocatorFor(i).allocate(partner, PLAN, "saga-" + i + "/" + PLAN, 1));

        assertThat(outcomes).filteredOn(o -> o instanceof AllocationOutcome.Allocated).hasSize(30);
        assertThat(outcomes).filteredOn(o -> o instanceof AllocationOutcome.Insufficient).hasSize(20);
        Document item = item(partner);
        assertThat(item.getInteger("available")).isZero();
        assertThat(item.getInteger("allocated")).isEqualTo(30);
        assertThat(held(partner)).hasSize(30);
        assertThat(item.getList("inflight", Document.class, List.of())).as("nothing left in flight").isEmpty();
    }

    @Test
    void allocatesOnceWhenTheSameAllocationIsRedoneConcurrently() throws Exception {
        String partner = newPartnerWithUnits(30);

        List<AllocationOutcome> outcomes = race(20, i -> allocatorFor(i).allocate(partner, PLAN, "saga-1/" + PLAN, 7));

        assertThat(outcomes).filteredOn(o -> o instanceof AllocationOutcome.Allocated).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof AllocationOutcome.AlreadyApplied).hasSize(19);
        Document item = item(partner);
        assertThat(item.getInteger("available")).isEqualTo(23);
        assertThat(item.getInteger("allocated")).isEqualTo(7);
    }

    @Test
    void allocatesAFreshHoldingWithoutReadingItAndARedoneOneOnlyOnce() {
        String partner = newPartnerWithUnits(30);
        List<String> holdingCommands = new java.util.concurrent.CopyOnWriteArrayList<>();
        CommandListener listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                String collection = event.getCommand().getString(event.getCommandName(), new BsonString("")).getValue();
                if (InventoryAllocator.HOLDINGS.equals(collection)) {
                    holdingCommands.add(event.getCommandName());
                }
            }
        };
        try (MongoClient counted = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(Infrastructure.mongoUri())).addCommandListener(listener)
                .build())) {
            InventoryAllocator allocator = new InventoryAllocator(new MongoTemplate(counted, DATABASE), CLOCK);

            assertThat(allocator.allocate(partner, PLAN, "saga-1/" + PLAN, 7)).isInstanceOf(AllocationOutcome.Allocated.class);
            assertThat(holdingCommands).as("a fresh holding is inserted pending, then finished; never read")
                    .containsExactly("insert", "update");

            holdingCommands.clear();
            assertThat(allocator.allocate(partner, PLAN, "saga-1/" + PLAN, 7))
                    .isInstanceOf(AllocationOutcome.AlreadyApplied.class);
            assertThat(holdingCommands).as("the redo's insert meets the holding, which it then reads")
                    .containsExactly("insert", "find");
        }
        Document item = item(partner);
        assertThat(item.getInteger("available")).isEqualTo(23);
        assertThat(item.getInteger("allocated")).isEqualTo(7);
        assertThat(item.getList("inflight", Document.class, List.of())).as("the redo's change was voided").isEmpty();
        assertThat(held(partner)).containsExactly(java.util.Map.entry("saga-1/" + PLAN, 7));
    }

    @Test
    void releasesEachAllocationOnceWhenReleasesRaceAndRepeat() throws Exception {
        String partner = newPartnerWithUnits(30);
        for (int i = 0; i < 30; i++) {
            assertThat(allocatorA.allocate(partner, PLAN, "saga-" + i + "/" + PLAN, 1))
                    .isInstanceOf(AllocationOutcome.Allocated.class);
        }

        // Every allocation is released three times, from both replicas at once.
        List<Integer> released = race(90, i -> allocatorFor(i).release(partner, PLAN, "saga-" + (i % 30) + "/" + PLAN));

        assertThat(released).filteredOn(units -> units == 1).hasSize(30);
        assertThat(released).filteredOn(units -> units == 0).hasSize(60);
        Document item = item(partner);
        assertThat(item.getInteger("available")).isEqualTo(30);
        assertThat(item.getInteger("allocated")).isZero();
        assertThat(held(partner)).isEmpty();
    }

    @Test
    void reportsWhatIsAvailableWhenTooFewUnitsAreLeft() {
        String partner = newPartnerWithUnits(500);

        AllocationOutcome outcome = allocatorA.allocate(partner, PLAN, "saga-1/" + PLAN, 600);

        assertThat(outcome).isEqualTo(new AllocationOutcome.Insufficient(500));
        assertThat(item(partner).getInteger("available")).isEqualTo(500);
    }

    @Test
    void reportsNothingAvailableWhenThePartnerHasNoInventoryOfThePlan() {
        String partner = "p-" + UUID.randomUUID();

        assertThat(allocatorA.allocate(partner, PLAN, "saga-1/" + PLAN, 1))
                .isEqualTo(new AllocationOutcome.Insufficient(0));
    }

    @Test
    void neverAllocatesAboveTheUnitsWhenGrowthsAndShrinksRace() throws Exception {
        String partner = newPartnerWithUnits(30);
        for (int i = 0; i < 10; i++) {
            assertThat(allocatorA.allocate(partner, PLAN, "sub-" + i, 2))
                    .isInstanceOf(AllocationOutcome.Allocated.class);
        }

        // Ten holders try to grow from 2 to 4 while ten others appear with 1 unit each: 10 units are left.
        List<AllocationOutcome> outcomes = race(20, i -> i < 10
                ? allocatorFor(i).resize(partner, PLAN, "sub-" + i, 2, 4)
                : allocatorFor(i).allocate(partner, PLAN, "new-" + i, 1));

        Document item = item(partner);
        int held = held(partner).values().stream().mapToInt(Integer::intValue).sum();
        assertThat(held).isEqualTo(item.getInteger("allocated")).isLessThanOrEqualTo(30);
        assertThat(item.getInteger("available")).isEqualTo(30 - held).isGreaterThanOrEqualTo(0);
        assertThat(held).isEqualTo(20 + 2 * outcomes.subList(0, 10).stream().filter(o -> o instanceof AllocationOutcome.Allocated).count()
                + outcomes.subList(10, 20).stream().filter(o -> o instanceof AllocationOutcome.Allocated).count());
    }

    @Test
    void returnsWhatAHolderHoldsAfterItWasResized() {
        String partner = newPartnerWithUnits(30);
        allocatorA.allocate(partner, PLAN, "sub-1", 10);
        allocatorB.resize(partner, PLAN, "sub-1", 10, 4);

        assertThat(allocatorA.release(partner, PLAN, "sub-1")).isEqualTo(4);
        assertThat(item(partner).getInteger("available")).isEqualTo(30);
        assertThat(allocatorA.resize(partner, PLAN, "sub-1", 4, 6)).isEqualTo(new AllocationOutcome.Insufficient(30));
    }

    @Test
    void keepsTheInventoryDocumentTheSameSizeHoweverManyHoldersItServes() {
        String partner = newPartnerWithUnits(1000);
        for (int i = 0; i < 200; i++) {
            assertThat(allocatorFor(i).allocate(partner, PLAN, "sub-" + i, 1))
                    .isInstanceOf(AllocationOutcome.Allocated.class);
        }

        Document item = item(partner);
        assertThat(item.getInteger("allocated")).isEqualTo(200);
        assertThat(item.keySet()).doesNotContain("holdings");
        assertThat(item.getList("inflight", Document.class, List.of())).isEmpty();
        assertThat(held(partner)).hasSize(200);
        assertThat(allocatorB.holdingOf(partner, PLAN, "sub-7")).isEqualTo(1);
    }

    @Test
    void finishesAChangeWhoseCallerDiedAfterApplyingItAndVoidsOneThatDiedBeforeAndNeitherTwice() {
        String partner = newPartnerWithUnits(30);
        String itemId = InventoryStore.idOf(partner, PLAN);
        // Caller 1 died after step 3: the units moved, the holding still says pending.
        inventory.updateOne(eq("_id", itemId), new Document("$inc", new Document("available", -5).append("allocated", 5)));
        holdings.insertOne(new Document("_id", itemId + "/sub-applied").append("inventoryId", itemId)
                .append("key", "sub-applied").append("units", 0).append("pending", pending("op-applied", 0, 5)));
        // Caller 2 died after step 2: registered and pending, nothing moved.
        inventory.updateOne(eq("_id", itemId), new Document("$push", new Document("inflight",
                new Document("op", "op-registered").append("at", java.util.Date.from(CLOCK.instant())))));
        holdings.insertOne(new Document("_id", itemId + "/sub-registered").append("inventoryId", itemId)
                .append("key", "sub-registered").append("units", 0).append("pending", pending("op-registered", 0, 4)));
        // Caller 3 died after step 1: registered, no holding names it.
        inventory.updateOne(eq("_id", itemId), new Document("$push", new Document("inflight",
                new Document("op", "op-orphan").append("at", java.util.Date.from(CLOCK.instant())))));

        assertThat(allocatorA.recoverInterrupted()).as("nothing is stale yet").isZero();
        CLOCK.advance(InventoryAllocator.STALE.multipliedBy(6));
        assertThat(allocatorA.recoverInterrupted()).isEqualTo(3);

        assertThat(allocatorA.holdingOf(partner, PLAN, "sub-applied")).isEqualTo(5);
        assertThat(allocatorA.holdingOf(partner, PLAN, "sub-registered")).isNull();
        Document item = item(partner);
        assertThat(item.getInteger("available")).isEqualTo(25);
        assertThat(item.getInteger("allocated")).isEqualTo(5);
        assertThat(item.getList("inflight", Document.class, List.of())).isEmpty();
        assertThat(item.getList("voided", String.class)).contains("op-registered", "op-orphan");
        // A caller that only stalled comes back to step 3 with its voided change: nothing moves.
        assertThat(inventory.updateOne(com.mongodb.client.model.Filters.and(eq("_id", itemId),
                eq("inflight.op", "op-registered")), new Document("$inc", new Document("allocated", 4))).getMatchedCount())
                .isZero();
        assertThat(allocatorA.recoverInterrupted()).as("a second round finds nothing").isZero();
        // The holdings work on as usual.
        assertThat(allocatorB.allocate(partner, PLAN, "sub-registered", 4)).isEqualTo(new AllocationOutcome.Allocated());
        assertThat(allocatorA.release(partner, PLAN, "sub-applied")).isEqualTo(5);
        assertThat(item(partner).getInteger("available")).isEqualTo(26);
    }

    @Test
    void movesTheHoldingsMapOfAnEarlierInventoryDocumentIntoHoldingsWithoutMovingUnits() {
        String partner = "p-" + UUID.randomUUID();
        String itemId = InventoryStore.idOf(partner, PLAN);
        inventory.insertOne(new Document("_id", itemId).append("partnerId", partner).append("planCode", PLAN)
                .append("units", 30).append("allocated", 7).append("available", 23)
                .append("holdings", new Document("sub-a", 3).append("sub-b", 4)));

        allocatorA.migrateHoldingsMaps();
        allocatorB.migrateHoldingsMaps();

        assertThat(item(partner).keySet()).doesNotContain("holdings");
        assertThat(held(partner)).containsEntry("sub-a", 3).containsEntry("sub-b", 4).hasSize(2);
        assertThat(item(partner).getInteger("available")).isEqualTo(23);
        assertThat(allocatorA.release(partner, PLAN, "sub-a")).isEqualTo(3);
        assertThat(item(partner).getInteger("available")).isEqualTo(26);
    }

    private static Document pending(String op, int from, int to) {
        return new Document("op", op).append("from", from).append("to", to)
                .append("since", java.util.Date.from(CLOCK.instant()));
    }

    /** What each holder of the partner's item holds, by key. */
    private static java.util.Map<String, Integer> held(String partner) {
        java.util.Map<String, Integer> held = new java.util.TreeMap<>();
        holdings.find(eq("inventoryId", InventoryStore.idOf(partner, PLAN)))
                .forEach(h -> held.put(h.getString("key"), h.getInteger("units")));
        return held;
    }

    /** A clock the recovery tests move past the stale age. */
    private static final class MutableClock extends java.time.Clock {

        private volatile java.time.Instant now = java.time.Instant.now();

        void advance(java.time.Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    private interface Attempt<T> {
        T run(int index);
    }

    /** Starts all attempts at once on their own threads and collects what each answered. */
    private static <T> List<T> race(int attempts, Attempt<T> attempt) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(attempts);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                int index = i;
                Callable<T> task = () -> {
                    start.await();
                    return attempt.run(index);
                };
                futures.add(executor.submit(task));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            executor.shutdownNow();
        }
    }

    private static InventoryAllocator allocatorFor(int index) {
        return index % 2 == 0 ? allocatorA : allocatorB;
    }

    private static String newPartnerWithUnits(int units) {
        String partner = "p-" + UUID.randomUUID();
        inventory.insertOne(new Document("_id", InventoryStore.idOf(partner, PLAN))
                .append("partnerId", partner).append("planCode", PLAN)
                .append("units", units).append("allocated", 0).append("available", units));
        return partner;
    }

    private static Document item(String partner) {
        return inventory.find(eq("_id", InventoryStore.idOf(partner, PLAN))).first();
    }
}
