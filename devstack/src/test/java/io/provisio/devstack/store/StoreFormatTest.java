package io.provisio.devstack.store;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store's file format: documents as BSON, unique index keys compared by value, and files that the stock
 * backend wrote (Java-serialised documents, indexes in its order) opened and carried over.
 */
class StoreFormatTest {

    @TempDir
    Path directory;

    @Test
    void keepsEveryBsonTypeAcrossAReopen() {
        String file = directory.resolve("store.mv").toString();
        Document stored = everyType("t-1");
        withStore(IndexedH2Backend.file(file, true), orders -> orders.insertOne(stored));

        withStore(IndexedH2Backend.file(file, true), orders -> {
            assertThat(orders.find(eq("_id", "t-1")).first()).isEqualTo(stored);
            assertThat(orders.find(eq("uuid", stored.get("uuid"))).first()).isEqualTo(stored);
        });
    }

    @Test
    void opensAFileTheStockBackendWroteAndKeepsItsUniqueIndexesRight() {
        String file = directory.resolve("stock.mv").toString();
        List<Document> orders = orders(300);
        MVStore stockFile = MVStore.open(file);
        withStore(new H2Backend(stockFile), collection -> {
            declareUniqueIndexes(collection);
            collection.insertMany(orders);
            collection.insertOne(everyType("t-1"));
        });
        stockFile.close();

        withStore(IndexedH2Backend.file(file, true), collection -> {
            assertThat(collection.countDocuments()).isEqualTo(301);
            assertThat(collection.find(eq("_id", "t-1")).first()).isEqualTo(everyType("t-1"));
            for (Document order : orders) {
                assertThat(collection.find(eq("_id", order.get("_id"))).first()).isEqualTo(order);
                assertThat(collection.find(and(eq("partnerId", order.get("partnerId")),
                        eq("number", order.get("number")))).first()).isEqualTo(order);
            }
            assertThatThrownBy(() -> collection.insertOne(new Document("_id", orders.get(7).get("_id"))))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            assertThatThrownBy(() -> collection.insertOne(new Document("_id", "new")
                    .append("partnerId", orders.get(9).get("partnerId")).append("number", orders.get(9).get("number"))))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            // Rewritten as BSON, beside documents still in the old form.
            collection.updateOne(eq("_id", orders.get(3).get("_id")), Updates.set("status", "DONE"));
            collection.insertOne(new Document("_id", "after").append("partnerId", "p9").append("number", 1));
        });

        withStore(IndexedH2Backend.file(file, true), collection -> {
            assertThat(collection.countDocuments()).isEqualTo(302);
            assertThat(collection.find(eq("_id", orders.get(3).get("_id"))).first().getString("status"))
                    .isEqualTo("DONE");
            assertThat(collection.find(and(eq("partnerId", "p9"), eq("number", 1))).first())
                    .containsEntry("_id", "after");
            List<Object> ids = orders.stream().map(order -> order.get("_id")).toList();
            assertThat(collection.find(in("_id", ids)).sort(Sorts.ascending("_id")).into(new ArrayList<>()))
                    .hasSize(300);
        });
    }

    @Test
    void ordersIndexKeysTotallyAndAsTheyAreEqual() {
        IndexKeyType type = new IndexKeyType();
        List<KeyValue> keys = new ArrayList<>();
        Random random = new Random(5);
        List<Object> values = List.of("a", "b", "ab", 1.0, 2.5, -0.0, 0.0, Long.MAX_VALUE, true, false,
                Instant.parse("2026-12-01T00:00:00Z"), UUID.nameUUIDFromBytes(new byte[] {1}),
                new de.bwaldvogel.mongo.bson.Document("x", 1.0), List.of("a", 1.0),
                new de.bwaldvogel.mongo.bson.ObjectId());
        for (int i = 0; i < 200; i++) {
            List<Object> key = new ArrayList<>();
            for (int j = 0; j <= random.nextInt(2); j++) {
                key.add(random.nextInt(10) == 0 ? null : values.get(random.nextInt(values.size())));
            }
            keys.add(new KeyValue(key));
        }
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                assertThat(type.compare(a, b) == 0).as("%s = %s", a, b).isEqualTo(a.equals(b));
                assertThat(Integer.signum(type.compare(a, b))).isEqualTo(-Integer.signum(type.compare(b, a)));
                for (KeyValue c : keys.subList(0, 20)) {
                    if (type.compare(a, b) < 0 && type.compare(b, c) < 0) {
                        assertThat(type.compare(a, c)).as("%s < %s < %s", a, b, c).isNegative();
                    }
                }
            }
            WriteBuffer out = new WriteBuffer();
            type.write(out, a);
            ByteBuffer written = out.getBuffer().flip();
            assertThat(type.read(written)).isEqualTo(a);
            assertThat(written.hasRemaining()).isFalse();
        }
    }

    @Test
    void ordersDocumentIdsAsH2sDefaultTypeDid() {
        DocumentIdType ids = new DocumentIdType();
        org.h2.mvstore.type.ObjectDataType stock = new org.h2.mvstore.type.ObjectDataType();
        List<Object> values = List.of("onb-1", "onb-10", "onb-2", "", "Z", "é", 7L, 7, 2.5,
                new de.bwaldvogel.mongo.bson.ObjectId());
        for (Object a : values) {
            for (Object b : values) {
                assertThat(Integer.signum(ids.compare(a, b))).as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(stock.compare(a, b)));
            }
        }
    }

    private static void withStore(de.bwaldvogel.mongo.MongoBackend backend,
                                  java.util.function.Consumer<MongoCollection<Document>> use) {
        MongoServer server = new MongoServer(backend);
        java.net.InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort()
                + "/?uuidRepresentation=standard")) {
            use.accept(client.getDatabase("shop").getCollection("orders"));
        } finally {
            server.shutdown();
        }
    }

    private static void declareUniqueIndexes(MongoCollection<Document> collection) {
        collection.createIndex(Indexes.ascending("partnerId", "number"),
                new IndexOptions().unique(true).name("partner_number"));
    }

    /** Ids of several types, so that the stock order and the new one differ. */
    private static List<Document> orders(int count) {
        List<Document> orders = new ArrayList<>();
        Instant base = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < count; i++) {
            Object id = switch (i % 3) {
                case 0 -> "o-" + i;
                case 1 -> (long) i * 7919;
                default -> new ObjectId(Date.from(base.plusSeconds(i)), i);
            };
            orders.add(new Document("_id", id).append("partnerId", "p" + (i % 4)).append("number", i)
                    .append("createdAt", Date.from(base.plusSeconds(i)))
                    .append("lines", List.of(new Document("sku", "s" + i).append("units", i % 5))));
        }
        return orders;
    }

    private static Document everyType(String id) {
        return new Document("_id", id)
                .append("text", "Grüße, 世界")
                .append("int", 42)
                .append("long", 1L << 40)
                .append("double", 2.5)
                .append("decimal", new org.bson.types.Decimal128(new java.math.BigDecimal("12.34")))
                .append("bool", true)
                .append("null", null)
                .append("date", Date.from(Instant.parse("2026-12-03T20:00:00Z")))
                .append("objectId", new ObjectId("0123456789abcdef01234567"))
                .append("uuid", UUID.fromString("5f0c9a57-1b6e-4c35-9d4b-2b7f4b3e9a10"))
                .append("binary", new Binary(new byte[] {1, 2, 3}))
                .append("list", List.of(1, "two", new Document("three", 3.0)))
                .append("nested", new Document("deep", new Document("deeper", List.of())));
    }
}
