package io.provisio.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import de.bwaldvogel.mongo.MongoServer;
import io.provisio.devstack.store.IndexedH2Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local run's MongoDB stand-in: one process serving every service's database over the
 * wire protocol, persisted to an H2 file under {@code PROVISIO_DATA_DIR}. With
 * {@code PROVISIO_STORE_DURABILITY=write} (the default) every write is in the file before it is acknowledged,
 * so even a kill -9 of this process loses nothing acknowledged; {@code interval} lets H2 write once a
 * second (cheaper; a hard kill loses that second). {@code PROVISIO_STORE_OPLOG=true} turns the oplog on;
 * {@code PROVISIO_STORE_CACHE_MB} sizes H2's page cache (default 16, H2's own).
 * It runs apart from the services, as a real mongod would, so killing a service never takes
 * its data along. Like a mongod, it serves queries from the indexes the services declare
 * ({@link IndexedH2Backend}), and it logs once a minute which collections were read whole.
 *
 * <p>Usage: {@code java -jar devstack-exec.jar [port]} (default 27017).
 */
public final class LocalStore {

    private static final Logger log = LoggerFactory.getLogger(LocalStore.class);
    private static final int WIDE_READ = 20;

    private LocalStore() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27017;
        Path dataDir = Path.of(System.getenv().getOrDefault("PROVISIO_DATA_DIR", ".data"));
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve("store.mv");

        boolean commitEachWrite = !"interval".equalsIgnoreCase(System.getenv()
                .getOrDefault("PROVISIO_STORE_DURABILITY", "write"));
        int cacheMb = Integer.parseInt(System.getenv().getOrDefault("PROVISIO_STORE_CACHE_MB",
                Integer.toString(IndexedH2Backend.DEFAULT_CACHE_MB)));
        IndexedH2Backend backend = IndexedH2Backend.file(file.toAbsolutePath().toString(), commitEachWrite, cacheMb);
        MongoServer server = new MongoServer(backend);
        if (Boolean.parseBoolean(System.getenv().getOrDefault("PROVISIO_STORE_OPLOG", "false"))) {
            server.enableOplog();
        }
        server.bind("127.0.0.1", port);
        log.info("Local store listening on mongodb://127.0.0.1:{} with data in {}, {}", port, file.toAbsolutePath(),
                commitEachWrite ? "every write on disk before it is acknowledged"
                        : "written about once a second (a kill -9 loses the last second)");
        reportEachMinute(backend);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Local store shutting down");
            server.shutdown();
            backend.commit();
            stopped.countDown();
        }, "local-store-shutdown"));
        stopped.await();
    }

    /**
     * Once a minute, the collections read whole since the last report (queries no declared index
     * served): on a real MongoDB these would be collection scans too, so a hot path must never show up.
     * The non-unique indexes whose reads yielded {@value #WIDE_READ} or more candidate documents each on average:
     * the index served the query but narrowed it too little, so its cost grows with the data (on MongoDB, as many
     * keys examined). How many writes the minute's commits put on disk: the group commit's batching. And the
     * pages read from the file because H2's page cache did not hold them ({@code PROVISIO_STORE_CACHE_MB}), with
     * the file's size and its number of chunks.
     */
    private static void reportEachMinute(IndexedH2Backend backend) {
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "store-report");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, Long> reported = new HashMap<>();
        AtomicReference<IndexedH2Backend.Durability> lastDurability = new AtomicReference<>(backend.durability());
        AtomicReference<Map<String, IndexedH2Backend.IndexReads>> lastReads = new AtomicReference<>(Map.of());
        AtomicReference<IndexedH2Backend.FileStats> lastFile = new AtomicReference<>(backend.fileStats());
        reporter.scheduleWithFixedDelay(() -> {
            Map<String, Long> since = new TreeMap<>();
            backend.fullScans().forEach((collection, count) -> {
                long delta = count - reported.getOrDefault(collection, 0L);
                if (delta > 0) {
                    since.put(collection, delta);
                }
                reported.put(collection, count);
            });
            if (!since.isEmpty()) {
                log.info("Full collection scans in the last minute (queries no index served): {}", since);
            }
            Map<String, IndexedH2Backend.IndexReads> reads = backend.indexReads();
            Map<String, IndexedH2Backend.IndexReads> before = lastReads.getAndSet(reads);
            List<String> wide = new ArrayList<>();
            reads.forEach((index, total) -> {
                IndexedH2Backend.IndexReads was = before.getOrDefault(index, new IndexedH2Backend.IndexReads(0, 0));
                long count = total.reads() - was.reads();
                long candidates = total.candidates() - was.candidates();
                if (count > 0 && candidates >= WIDE_READ * count) {
                    wide.add(index + ": " + count + " reads, " + candidates / count + " candidates each");
                }
            });
            if (!wide.isEmpty()) {
                log.info("Wide index reads in the last minute: {}", String.join("; ", wide));
            }
            IndexedH2Backend.Durability now = backend.durability();
            IndexedH2Backend.Durability last = lastDurability.getAndSet(now);
            if (now.writes() > last.writes()) {
                log.info("Writes in the last minute: {} in {} commits", now.writes() - last.writes(),
                        now.commits() - last.commits());
            }
            IndexedH2Backend.FileStats file = backend.fileStats();
            IndexedH2Backend.FileStats fileBefore = lastFile.getAndSet(file);
            if (file.pageReads() > fileBefore.pageReads()) {
                log.info("File: {} MB in {} chunks, {} % live; {} pages ({} MB) read from it in the last minute, "
                                + "not in the page cache ({} of {} MB used)", file.fileBytes() >> 20, file.chunks(),
                        file.fillPercent(), file.pageReads() - fileBefore.pageReads(),
                        (file.readBytes() - fileBefore.readBytes()) >> 20, file.cacheUsedMb(), file.cacheMb());
            }
        }, 1, 1, TimeUnit.MINUTES);
    }
}
