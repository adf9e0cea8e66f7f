package io.provisio.devstack.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexed store answers exactly what the stock store answers, and reads a whole collection only
 * when no declared index can serve the query.
 */
class IndexedH2BackendTest {

    private static final String DATABASE = "shop";
    private static final String FULL_NAME = DATABASE + ".orders";

    private IndexedH2Backend indexedBackend;
    private MongoServer indexedServer;
    private String indexedUri;
    private MongoServer stockServer;
    private MongoClient indexedClient;
    private MongoClient stockClient;
    private MongoCollection<Document> indexed;
    private MongoCollection<Document> stock;

    @BeforeEach
    void start() {
        indexedBackend = IndexedH2Backend.inMemory();
        indexedServer = new MongoServer(indexedBackend);
        stockServer = new MongoServer(H2Backend.inMemory());
        indexedUri = uri(indexedServer);
        indexedClient = MongoClients.create(indexedUri);
        stockClient = MongoClients.create(uri(stockServer));
        indexed = indexedClient.getDatabase(DATABASE).getCollection("orders");
        stock = stockClient.getDatabase(DATABASE).getCollection("orders");
    }

    @AfterEach
    void stop() {
        indexedClient.close();
        stockClient.close();
        indexedServer.shutdownNow();
        stockServer.shutdownNow();
    }

    @Test
    void answersEveryQueryAsTheStockStoreDoesWhileReadingOnlyWhatTheIndexesSelect() {
        for (MongoCollection<Document> collection : List.of(indexed, stock)) {
            declareIndexes(collection);
            collection.insertMany(orders(600, new Random(7)));
        }
        Instant base = Instant.parse("2026-12-01T00:00:00Z");
        List<Bson> served = List.of(
                and(eq("_id", "o-17"), eq("version", 3)),
                and(eq("_id", "o-17"), eq("version", 4)),
                and(in("_id", List.of("o-1", "o-2", "o-999")), eq("partnerId", "p1")),
                and(eq("_id", "o-40"), or(eq("lease", null), lt("lease", Date.from(base)))),
                lt("deadline", Date.from(base.plusSeconds(100))),
                and(gte("deadline", Date.from(base.plusSeconds(50))), lte("deadline", Date.from(base.plusSeconds(80)))),
                gt("deadline", Date.from(base.plusSeconds(550))),
                eq("partnerId", "p2"),
                and(eq("partnerId", "p2"), eq("status", "DONE")),
                and(eq("partnerId", "p3"), gte("createdAt", Date.from(base.plusSeconds(300)))),
                in("partnerId", List.of("p1", "p3")),
                eq("tags", "blue"),
                eq("accountKey", "p1/acct-12"),
                and(eq("accountKey", "p1/acct-12"), eq("status", "DONE")),
                regex("accountKey", "^p2/"),
                eq("partnerId", "nobody"));
        for (Bson query : served) {
            assertSameAnswer(query);
            assertThat(fullScansDuring(() -> indexed.find(query).into(new ArrayList<>()))).as("%s", query).isZero();
        }

        List<Bson> scanned = List.of(eq("status", "DONE"), ne("partnerId", "p1"), eq("deadline", null),
                or(eq("partnerId", "p1"), eq("status", "NEW")));
        for (Bson query : scanned) {
            assertSameAnswer(query);
            assertThat(fullScansDuring(() -> indexed.find(query).into(new ArrayList<>()))).as("%s", query).isOne();
        }
    }

    @Test
    void keepsItsIndexesRightThroughUpdatesAndDeletes() {
        for (MongoCollection<Document> collection : List.of(indexed, stock)) {
            declareIndexes(collection);
            collection.insertMany(orders(200, new Random(11)));
            collection.updateMany(eq("partnerId", "p1"), Updates.combine(Updates.set("partnerId", "p4"),
                    Updates.unset("deadline"), Updates.inc("version", 1)));
            collection.deleteMany(in("partnerId", List.of("p2")));
            collection.updateOne(and(eq("_id", "o-3"), eq("version", 0)), Updates.set("tags", List.of("green", "red")));
            collection.findOneAndUpdate(lt("deadline", Date.from(Instant.parse("2026-12-01T00:01:00Z"))),
                    Updates.set("deadline", Date.from(Instant.parse("2030-01-01T00:00:00Z"))),
                    new FindOneAndUpdateOptions().sort(Sorts.ascending("deadline", "_id")));
        }
        for (Bson query : List.of(eq("partnerId", "p1"), eq("partnerId", "p4"), eq("partnerId", "p2"),
                eq("tags", "green"), eq("tags", "blue"), lt("deadline", Date.from(Instant.parse("2026-12-01T00:05:00Z"))),
                gt("deadline", Date.from(Instant.parse("2029-01-01T00:00:00Z"))), and(eq("_id", "o-3"), eq("version", 0)))) {
            assertSameAnswer(query);
        }
        assertThat(fullScansDuring(() -> indexed.find(eq("partnerId", "p4")).into(new ArrayList<>()))).isZero();
    }

    /**
     * Each read of a non-unique index reports how many candidates it yielded: a query that its index narrows only
     * to "all of this partner's orders" shows as wide, however few documents it answers (LocalStore logs these).
     */
    @Test
    void countsTheCandidatesEachIndexReadYields() {
        declareIndexes(indexed);
        List<Document> orders = orders(300, new Random(5));
        indexed.insertMany(orders);
        long ofP1 = orders.stream().filter(order -> order.getString("partnerId").equals("p1")).count();
        Date since = Date.from(Instant.parse("2026-12-01T00:09:00Z"));
        long ofP1Since = orders.stream().filter(order -> order.getString("partnerId").equals("p1")
                && !order.getDate("createdAt").before(since)).count();

        IndexedH2Backend.IndexReads before = partnerListReads();
        indexed.find(and(eq("partnerId", "p1"), eq("status", "NEW"))).first();
        IndexedH2Backend.IndexReads wide = partnerListReads();
        indexed.find(and(eq("partnerId", "p1"), gte("createdAt", since))).into(new ArrayList<>());
        IndexedH2Backend.IndexReads narrow = partnerListReads();

        assertThat(wide.reads() - before.reads()).isOne();
        assertThat(wide.candidates() - before.candidates()).isEqualTo(ofP1);
        assertThat(narrow.reads() - wide.reads()).isOne();
        assertThat(narrow.candidates() - wide.candidates()).isEqualTo(ofP1Since).isLessThan(ofP1);
    }

    /**
     * Of two indexes that can serve a query, the one that yields fewer candidates is read, not the one declared
     * first (mongo-java-server's choice): here {@code tags} (the red-tagged orders) rather than {@code partner_list}
     * (every order of the partner).
     */
    @Test
    void readsTheIndexThatYieldsFewerCandidatesNotTheFirstThatCanServe() {
        for (MongoCollection<Document> collection : List.of(indexed, stock)) {
            declareIndexes(collection);
            collection.insertMany(orders(300, new Random(8)));
        }
        long red = indexed.countDocuments(eq("tags", "red"));
        long ofP1 = indexed.countDocuments(eq("partnerId", "p1"));
        assertThat(red).isPositive().isLessThan(ofP1);
        Bson query = and(eq("partnerId", "p1"), eq("tags", "red"));

        Map<String, IndexedH2Backend.IndexReads> before = indexedBackend.indexReads();
        List<Document> answer = indexed.find(query).sort(Sorts.ascending("_id")).into(new ArrayList<>());
        Map<String, IndexedH2Backend.IndexReads> after = indexedBackend.indexReads();

        assertThat(answer).isNotEmpty()
                .isEqualTo(stock.find(query).sort(Sorts.ascending("_id")).into(new ArrayList<>()));

        assertThat(reads(after, "partner_list")).isEqualTo(reads(before, "partner_list"));
        assertThat(reads(after, "tags").candidates() - reads(before, "tags").candidates()).isEqualTo(red);
    }

    /**
     * Choosing between two indexes costs about what reading the narrower one does: the wider is counted only as far
     * as the narrower's count, not through (it used to be counted whole when it was declared first).
     */
    @Test
    void choosingAnIndexCountsTheWiderOneOnlyAsFarAsTheNarrowerReaches() {
        declareIndexes(indexed);
        Instant base = Instant.parse("2026-12-01T00:00:00Z");
        List<Document> orders = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            orders.add(new Document("_id", "o-" + i).append("partnerId", "p1").append("status", "NEW")
                    .append("createdAt", Date.from(base.plusSeconds(i)))
                    .append("tags", i % 500 == 0 ? List.of("red") : List.of("blue")));
        }
        indexed.insertMany(orders);
        Bson query = and(eq("partnerId", "p1"), eq("tags", "red"));

        Map<String, IndexedH2Backend.IndexReads> before = indexedBackend.indexReads();
        List<Document> answer = indexed.find(query).into(new ArrayList<>());
        Map<String, IndexedH2Backend.IndexReads> after = indexedBackend.indexReads();

        assertThat(answer).extracting(order -> order.getString("_id"))
                .containsExactlyInAnyOrder("o-0", "o-500", "o-1000", "o-1500");
        String counted = "partner_list" + SecondaryIndex.COUNTED;
        assertThat(reads(after, counted).candidates() - reads(before, counted).candidates())
                .as("partner_list counted to choose, of its 2 000 candidates").isPositive().isLessThan(100);
        assertThat(reads(after, "tags").candidates() - reads(before, "tags").candidates()).isEqualTo(4);
    }

    /**
     * Sorted, limited reads answer as the stock store does, whether the index gives the sort's order (the store then
     * stops at the limit instead of sorting every candidate) or not (a descending sort, two stretches of the index, a
     * field the index does not hold); claims taken one after the other take the same documents in the same order.
     */
    @Test
    void answersSortedLimitedReadsAndClaimsAsTheStockStoreDoes() {
        Instant base = Instant.parse("2026-12-01T00:00:00Z");
        for (MongoCollection<Document> collection : List.of(indexed, stock)) {
            declareIndexes(collection);
            List<Document> orders = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                // Every createdAt differs (7 919 is prime to 300): ties would come in an order neither store promises.
                orders.add(new Document("_id", "o-" + i).append("partnerId", List.of("p1", "p2", "p3").get(i % 3))
                        .append("status", i % 4 == 0 ? "DONE" : "NEW")
                        .append("createdAt", Date.from(base.plusSeconds(i * 7_919L % 300))));
            }
            collection.insertMany(orders);
        }
        Date since = Date.from(base.plusSeconds(100));
        List<Map.Entry<Bson, Bson>> sorted = List.of(
                Map.entry(eq("partnerId", "p2"), Sorts.ascending("createdAt")),
                Map.entry(and(eq("partnerId", "p3"), gte("createdAt", since)), Sorts.ascending("createdAt")),
                Map.entry(and(eq("partnerId", "p3"), lt("createdAt", since)), Sorts.ascending("partnerId", "createdAt")),
                Map.entry(and(eq("partnerId", "p1"), eq("status", "NEW")), Sorts.ascending("createdAt")),
                Map.entry(in("partnerId", List.of("p1", "p3")), Sorts.ascending("createdAt")),
                Map.entry(eq("partnerId", "p1"), Sorts.descending("createdAt")),
                Map.entry(eq("partnerId", "p1"), Sorts.ascending("status", "createdAt")));
        for (Map.Entry<Bson, Bson> read : sorted) {
            for (int limit : List.of(1, 4)) {
                assertThat(indexed.find(read.getKey()).sort(read.getValue()).limit(limit).into(new ArrayList<>()))
                        .as("%s sorted by %s, limit %d", read.getKey(), read.getValue(), limit)
                        .isEqualTo(stock.find(read.getKey()).sort(read.getValue()).limit(limit).into(new ArrayList<>()));
            }
        }

        IndexedH2Backend.IndexReads beforeClaims = partnerListReads();
        for (int claim = 0; claim < 5; claim++) {
            Bson due = and(eq("partnerId", "p2"), lte("createdAt", Date.from(base.plusSeconds(200))));
            FindOneAndUpdateOptions first = new FindOneAndUpdateOptions().sort(Sorts.ascending("createdAt"));
            Document claimedHere = indexed.findOneAndUpdate(due, Updates.set("partnerId", "claimed"), first);
            assertThat(claimedHere).as("claim %d", claim)
                    .isEqualTo(stock.findOneAndUpdate(due, Updates.set("partnerId", "claimed"), first));
        }
        IndexedH2Backend.IndexReads claims = new IndexedH2Backend.IndexReads(
                partnerListReads().reads() - beforeClaims.reads(),
                partnerListReads().candidates() - beforeClaims.candidates());
        assertThat(claims.reads()).isEqualTo(5);
        assertThat(claims.candidates()).as("each claim reads one batch of the ~65 due, not all of them")
                .isEqualTo(5 * 16);
        assertSameAnswer(eq("partnerId", "claimed"));
    }

    private IndexedH2Backend.IndexReads partnerListReads() {
        return reads(indexedBackend.indexReads(), "partner_list");
    }

    private static IndexedH2Backend.IndexReads reads(Map<String, IndexedH2Backend.IndexReads> reads, String index) {
        return reads.getOrDefault(FULL_NAME + "." + index, new IndexedH2Backend.IndexReads(0, 0));
    }

    @Test
    void rebuildsSecondaryIndexesWhenAStoreFileIsOpenedAgain(@TempDir java.nio.file.Path directory) {
        String file = storeFile(directory, orders -> {
            declareIndexes(orders);
            orders.insertMany(orders(50, new Random(3)));
        });

        IndexedH2Backend reopened = IndexedH2Backend.file(file, true);
        MongoServer again = new MongoServer(reopened);
        try (MongoClient client = MongoClients.create(uri(again))) {
            MongoCollection<Document> orders = client.getDatabase(DATABASE).getCollection("orders");
            long before = reopened.fullScans().getOrDefault(FULL_NAME, 0L);
            List<Document> p3 = orders.find(eq("partnerId", "p3")).into(new ArrayList<>());
            assertThat(p3).isNotEmpty().allSatisfy(d -> assertThat(d.getString("partnerId")).isEqualTo("p3"));
            assertThat(p3).hasSize((int) orders(50, new Random(3)).stream()
                    .filter(d -> d.getString("partnerId").equals("p3")).count());
            assertThat(reopened.fullScans().getOrDefault(FULL_NAME, 0L)).isEqualTo(before);
        } finally {
            again.shutdownNow();
        }
    }

    @Test
    void reportsThePagesReadFromTheFileAndTheCacheItWasGiven(@TempDir java.nio.file.Path directory) {
        String file = storeFile(directory, orders -> {
            List<Document> notes = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                notes.add(new Document("_id", "o-" + i).append("note", "x".repeat(2_000)));
            }
            orders.insertMany(notes);
        });

        IndexedH2Backend reopened = IndexedH2Backend.file(file, true, 64);
        MongoServer again = new MongoServer(reopened);
        try (MongoClient client = MongoClients.create(uri(again))) {
            MongoCollection<Document> orders = client.getDatabase(DATABASE).getCollection("orders");
            long opened = reopened.fileStats().pageReads();
            assertThat(orders.find().into(new ArrayList<>())).hasSize(3_000);
            long firstRead = reopened.fileStats().pageReads();
            assertThat(orders.find().into(new ArrayList<>())).hasSize(3_000);

            IndexedH2Backend.FileStats stats = reopened.fileStats();
            assertThat(stats.cacheMb()).isEqualTo(64);
            assertThat(firstRead).as("the documents came from the reopened file").isGreaterThan(opened);
            assertThat(stats.pageReads()).as("64 MB hold the ~6 MB of pages: read again from the cache")
                    .isEqualTo(firstRead);
            assertThat(stats.readBytes()).isPositive();
            assertThat(stats.fileBytes()).isGreaterThan(6_000_000);
            assertThat(stats.fillPercent()).isBetween(1, 100);
            assertThat(stats.chunks()).as("a chunk per commit, some since rewritten").isPositive();
        } finally {
            again.shutdownNow();
        }
    }

    /** A store file under {@code directory} whose "orders" {@code fill} wrote, closed again. */
    private static String storeFile(java.nio.file.Path directory, Consumer<MongoCollection<Document>> fill) {
        String file = directory.resolve("store.mv").toString();
        MongoServer server = new MongoServer(IndexedH2Backend.file(file, true));
        try (MongoClient client = MongoClients.create(uri(server))) {
            fill.accept(client.getDatabase(DATABASE).getCollection("orders"));
        } finally {
            server.shutdownNow();
        }
        return file;
    }

    private void assertSameAnswer(Bson query) {
        List<Document> expected = stock.find(query).sort(Sorts.ascending("_id")).into(new ArrayList<>());
        List<Document> actual = indexed.find(query).sort(Sorts.ascending("_id")).into(new ArrayList<>());
        assertThat(actual).as("%s", query).isEqualTo(expected);
        assertThat(indexed.countDocuments(query)).as("count %s", query).isEqualTo(expected.size());
    }

    private long fullScansDuring(Supplier<?> query) {
        long before = indexedBackend.fullScans().getOrDefault(FULL_NAME, 0L);
        query.get();
        return indexedBackend.fullScans().getOrDefault(FULL_NAME, 0L) - before;
    }

    private static void declareIndexes(MongoCollection<Document> collection) {
        collection.createIndex(Indexes.ascending("deadline"), new IndexOptions().name("deadline"));
        collection.createIndex(Indexes.ascending("partnerId", "createdAt"), new IndexOptions().name("partner_list"));
        collection.createIndex(Indexes.ascending("tags"), new IndexOptions().name("tags"));
        collection.createIndex(Indexes.ascending("accountKey"),
                new IndexOptions().unique(true).sparse(true).name("account_key"));
    }

    /** Orders of three partners; some without deadline, some with tags, some with an account key. */
    private static List<Document> orders(int count, Random random) {
        Instant base = Instant.parse("2026-12-01T00:00:00Z");
        List<String> partners = List.of("p1", "p2", "p3");
        List<Document> orders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Document order = new Document("_id", "o-" + i)
                    .append("partnerId", partners.get(random.nextInt(partners.size())))
                    .append("status", random.nextBoolean() ? "DONE" : "NEW")
                    .append("version", random.nextInt(5))
                    .append("createdAt", Date.from(base.plusSeconds(random.nextInt(600))));
            if (random.nextInt(4) > 0) {
                order.append("deadline", Date.from(base.plusSeconds(random.nextInt(600))));
            }
            if (random.nextInt(3) == 0) {
                order.append("tags", List.of("blue", "red").subList(0, 1 + random.nextInt(2)));
            }
            if (random.nextInt(2) == 0) {
                order.append("accountKey", order.getString("partnerId") + "/acct-" + i);
            }
            if (random.nextInt(5) == 0) {
                order.append("lease", Date.from(base.minusSeconds(random.nextInt(100) - 50)));
            }
            orders.add(order);
        }
        return orders;
    }

    /**
     * Readers never see a document while an update rewrites it: each read gets a whole version. Before the
     * store copied what it answers, an update changed the stored sub-documents in place while a reply holding
     * them was being encoded: a half-updated document, or a ConcurrentModificationException that closed the
     * client's connection (seen under load in the fault suite).
     */
    @Test
    void readersGetWholeVersionsOfADocumentThatIsUpdatedMeanwhile() throws Exception {
        Document steps = new Document();
        for (int i = 0; i < 200; i++) {
            steps.append("fixed" + i, new Document("at", i));
        }
        // No driver retry: a reply the store failed to send must fail this test, not be asked for again.
        MongoClient strict = MongoClients.create(com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(indexedUri))
                .retryReads(false).retryWrites(false).build());
        MongoCollection<Document> indexed = strict.getDatabase(DATABASE).getCollection("orders");
        indexed.insertOne(new Document("_id", "saga").append("version", 0)
                .append("steps", new Document(steps).append("k0", 0)));
        java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicReference<Throwable> writerFailure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = Thread.ofPlatform().start(() -> {
            try {
                for (int version = 1; version <= 2_000; version++) {
                    // As Spring Data saves an aggregate: the whole document replaced, top-level fields come and go.
                    Document next = new Document("_id", "saga").append("version", version);
                    if (version % 2 == 1) {
                        next.append("failure", new Document("code", "F" + version));
                    }
                    indexed.replaceOne(eq("_id", "saga"), next.append("steps",
                            new Document(steps).append("k" + version, version)));
                }
            } catch (RuntimeException e) {
                writerFailure.set(e);
            } finally {
                writing.set(false);
            }
        });
        List<String> torn = new ArrayList<>();
        int reads = 0;
        while (writing.get() || reads == 0) {
            Document read = reads % 2 == 0 ? indexed.find(eq("_id", "saga")).first()
                    : indexed.find(eq("_id", "saga")).projection(new Document("readAt", 0)).first();
            int version = read.getInteger("version");
            List<String> moving = read.get("steps", Document.class).keySet().stream()
                    .filter(key -> key.startsWith("k")).toList();
            if (!moving.equals(List.of("k" + version)) || read.containsKey("failure") != (version % 2 == 1)) {
                torn.add("version " + version + " with " + moving + " and " + read.get("failure"));
            }
            reads++;
        }
        writer.join();
        strict.close();
        assertThat(writerFailure.get()).as("what the writer ran into").isNull();
        assertThat(torn).as("documents read half-updated, of " + reads + " reads").isEmpty();
    }

    /**
     * H2 holds each document as its BSON bytes, and an update stores new bytes: what H2 held before is left as it
     * was. H2 encodes a changed page when it commits, outside the collection's lock: the stock collection's in-place
     * update of a stored document failed such a commit with a ConcurrentModificationException, and H2 then closed
     * the whole store.
     */
    @Test
    void anUpdateStoresNewBytesAndLeavesWhatH2HeldAsItWas() {
        indexed.insertOne(new Document("_id", "o-1").append("n", 0).append("lines", new Document("a", 1)));
        org.h2.mvstore.MVMap<Object, byte[]> data =
                StoreFormat.documents(indexedBackend.getMvStore(), "databases." + FULL_NAME);
        byte[] stored = data.get("o-1");
        byte[] before = stored.clone();

        indexed.updateOne(eq("_id", "o-1"), new Document("$set", new Document("n", 1).append("lines.b", 2))
                .append("$unset", new Document("lines.a", "")));
        indexed.findOneAndUpdate(eq("_id", "o-1"), new Document("$inc", new Document("n", 1)));

        assertThat(stored).isEqualTo(before);
        assertThat(data.get("o-1")).isNotSameAs(stored);
        assertThat(indexed.find(eq("_id", "o-1")).first())
                .isEqualTo(new Document("_id", "o-1").append("n", 2).append("lines", new Document("b", 2)));
    }

    /** The collection's data size, kept from the stored bytes' lengths, is what the stock store measures. */
    @Test
    void reportsTheDataSizeTheStockStoreReports() {
        for (MongoCollection<Document> collection : List.of(indexed, stock)) {
            declareIndexes(collection);
            collection.insertMany(orders(200, new Random(13)));
            collection.updateMany(eq("partnerId", "p1"), Updates.combine(Updates.set("note", "x".repeat(100)),
                    Updates.unset("deadline")));
            collection.deleteMany(eq("partnerId", "p2"));
        }
        Document stats = new Document("collStats", "orders");
        Object size = indexedClient.getDatabase(DATABASE).runCommand(stats).get("size");
        assertThat(size).isEqualTo(stockClient.getDatabase(DATABASE).runCommand(stats).get("size"));
        assertThat(((Number) size).intValue()).isPositive();
    }

    private static String uri(MongoServer server) {
        java.net.InetSocketAddress address = server.bind();
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }
}
