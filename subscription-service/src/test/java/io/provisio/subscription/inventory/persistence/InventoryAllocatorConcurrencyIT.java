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

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.provisio.devstack.Infrastructure;
import io.provisio.subscription.inventory.domain.AllocationOutcome;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two allocators on two separate clients, as two replicas would be, racing for one inventory
 * document. No Spring and no broker: only the store's single-document atomicity is under test.
 */
class InventoryAllocatorConcurrencyIT {

    private static final String DATABASE = "subscriptions-allocation-it";
    private static final String PLAN = "HOSTED-EXCHANGE";

    private static MongoClient replicaA;
    private static MongoClient replicaB;
    private static InventoryAllocator allocatorA;
    private static InventoryAllocator allocatorB;
    private static MongoCollection<Document> inventory;

    @BeforeAll
    static void connect() {
        replicaA = MongoClients.create(Infrastructure.mongoUri());
        replicaB = MongoClients.create(Infrastructure.mongoUri());
        inventory = replicaA.getDatabase(DATABASE).getCollection(InventoryStore.COLLECTION);
        allocatorA = new InventoryAllocator(inventory);
        allocatorB = new InventoryAllocator(replicaB.getDatabase(DATABASE).getCollection(InventoryStore.COLLECTION));
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
        assertThat(item.get("holdings", Document.class)).hasSize(30);
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
    void releasesEachAllocationOnceWhenReleasesRaceAndRepeat() throws Exception {
        String partner = newPartnerWithUnits(30);
        for (int i = 0; i < 30; i++) {
            assertThat(allocatorA.allocate(partner, PLAN, "saga-" + i + "/" + PLAN, 1).holdsUnits()).isTrue();
        }

        // Every allocation is released three times, from both replicas at once.
        List<Integer> released = race(90, i -> allocatorFor(i).release(partner, PLAN, "saga-" + (i % 30) + "/" + PLAN));

        assertThat(released).filteredOn(units -> units == 1).hasSize(30);
        assertThat(released).filteredOn(units -> units == 0).hasSize(60);
        Document item = item(partner);
        assertThat(item.getInteger("available")).isEqualTo(30);
        assertThat(item.getInteger("allocated")).isZero();
        assertThat(item.get("holdings", Document.class)).isEmpty();
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
            assertThat(allocatorA.allocate(partner, PLAN, "sub-" + i, 2).holdsUnits()).isTrue();
        }

        // Ten holders try to grow from 2 to 4 while ten others appear with 1 unit each: 10 units are left.
        List<AllocationOutcome> outcomes = race(20, i -> i < 10
                ? allocatorFor(i).resize(partner, PLAN, "sub-" + i, 2, 4)
                : allocatorFor(i).allocate(partner, PLAN, "new-" + i, 1));

        Document item = item(partner);
        int held = item.get("holdings", Document.class).values().stream().mapToInt(v -> ((Number) v).intValue()).sum();
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
                .append("units", units).append("allocated", 0).append("available", units)
                .append("holdings", new Document()));
        return partner;
    }

    private static Document item(String partner) {
        return inventory.find(eq("_id", InventoryStore.idOf(partner, PLAN))).first();
    }
}
