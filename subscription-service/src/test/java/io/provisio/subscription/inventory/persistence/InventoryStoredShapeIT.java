package io.provisio.subscription.inventory.persistence;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.provisio.devstack.Infrastructure;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.subscription.inventory.domain.InventoryItem;
import io.provisio.subscription.inventory.persistence.HoldingDocument.Pending;
import io.provisio.subscription.inventory.persistence.InventoryDocument.Registration;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Inventory items and holdings are stored field for field as before their mapping moved to Spring Data (ADR 014's
 * shape), and documents a migration or {@code $inc} left with long counters read back.
 */
class InventoryStoredShapeIT {

    private static final String DATABASE = "subscriptions-inventory-shape-it";
    private static final Instant SINCE = Instant.parse("2026-12-02T10:00:00.123Z");

    private static MongoClient client;
    private static MongoTemplate mongo;
    private static InventoryStore store;
    private static InventoryAllocator allocator;

    @BeforeAll
    static void connect() {
        client = MongoClients.create(Infrastructure.mongoUri());
        mongo = new MongoTemplate(client, DATABASE);
        store = new InventoryStore(mongo);
        allocator = new InventoryAllocator(mongo, Clock.systemUTC());
    }

    @AfterAll
    static void disconnect() {
        client.getDatabase(DATABASE).drop();
        client.close();
    }

    @Test
    void anItemAndAHoldingAreStoredAsTheyAlwaysWere() {
        String partner = "shape-" + UUID.randomUUID();
        String itemId = partner + "/ARCHIVE";

        assertThat(store.insertIfMissing(partner, "ARCHIVE", 10)).isTrue();
        assertThat(raw(InventoryStore.COLLECTION, itemId)).isEqualTo(new Document("_id", itemId)
                .append("partnerId", partner).append("planCode", "ARCHIVE")
                .append("units", 10).append("allocated", 0).append("available", 10));

        allocator.allocate(partner, "ARCHIVE", "sub-1", 3);
        assertThat(raw(InventoryAllocator.HOLDINGS, itemId + "/sub-1")).isEqualTo(new Document("_id", itemId + "/sub-1")
                .append("inventoryId", itemId).append("key", "sub-1").append("units", 3));
        assertThat(raw(InventoryStore.COLLECTION, itemId)).isEqualTo(new Document("_id", itemId)
                .append("partnerId", partner).append("planCode", "ARCHIVE")
                .append("units", 10).append("allocated", 3).append("available", 7).append("inflight", List.of()));
    }

    @Test
    void aChangeInFlightIsRegisteredAndPendingInTheShapeRecoveryReads() {
        MongoMapping mapping = new MongoMapping(mongo.getConverter());

        assertThat(mapping.document(new Registration("op-1", SINCE)))
                .isEqualTo(new Document("op", "op-1").append("at", Date.from(SINCE)));
        assertThat(mapping.document(new HoldingDocument("i/k", "i", "k", 0, new Pending("op-1", 0, 4, SINCE))))
                .isEqualTo(new Document("_id", "i/k").append("inventoryId", "i").append("key", "k").append("units", 0)
                        .append("pending", new Document("op", "op-1").append("from", 0).append("to", 4)
                                .append("since", Date.from(SINCE))));
    }

    @Test
    void countersStoredAsLongReadBack() {
        String partner = "shape-" + UUID.randomUUID();
        mongo.getCollection(InventoryStore.COLLECTION).insertOne(new Document("_id", partner + "/ARCHIVE")
                .append("partnerId", partner).append("planCode", "ARCHIVE")
                .append("units", 10L).append("allocated", 4L).append("available", 6L));
        mongo.getCollection(InventoryAllocator.HOLDINGS).insertOne(new Document("_id", partner + "/ARCHIVE/sub-1")
                .append("inventoryId", partner + "/ARCHIVE").append("key", "sub-1").append("units", 4L));

        assertThat(store.find(partner, "ARCHIVE")).contains(new InventoryItem(partner, "ARCHIVE", 10, 4, 6));
        assertThat(allocator.holdingOf(partner, "ARCHIVE", "sub-1")).isEqualTo(4);
    }

    private static Document raw(String collection, String id) {
        return mongo.getCollection(collection).find(eq("_id", id)).first();
    }
}
