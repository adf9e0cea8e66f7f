package io.provisio.devstack.store;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, but serving queries from the indexes the services declare.
 *
 * <p>The stock backend uses an index only when a query names exactly a unique index's keys: a
 * conditional update such as {@code {_id: x, version: 3}} (optimistic locking, leases, state guards)
 * reads the whole collection, and every non-unique index is ignored. A real MongoDB serves both from an
 * index, so with the stock backend the suite's cost grew with its data although every hot query is
 * indexed for production. Here, a query is served by the first declared index whose leading keys it
 * constrains (see {@link AnchoredUniqueIndex} and {@link SecondaryIndex}); the candidates are still
 * matched against the whole query, so an index only ever narrows what is read, never the answer.
 * Queries no index serves are counted per collection ({@link #fullScans()}).
 */
public final class IndexedH2Backend extends H2Backend {

    /** Commands that change data: with {@code commitEachWrite} they are on disk before they are acknowledged. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify",
            "createindexes", "dropindexes", "drop", "dropdatabase", "create", "renamecollection");

    /** H2's own default. */
    public static final int DEFAULT_CACHE_MB = 16;

    private final Map<String, LongAdder> fullScans = new ConcurrentHashMap<>();
    private final Map<String, Reads> indexReads = new ConcurrentHashMap<>();
    /** With {@code commitEachWrite}, what puts each write on disk before it is acknowledged; else {@code null}. */
    private final GroupCommit groupCommit;
    private final DurableReplies durableReplies;

    private IndexedH2Backend(MVStore store, boolean commitEachWrite) {
        super(store);
        this.groupCommit = commitEachWrite ? new GroupCommit(this::commit) : null;
        this.durableReplies = commitEachWrite ? new DurableReplies(groupCommit) : null;
    }

    /**
     * A store persisted to {@code fileName} (created if missing).
     *
     * @param commitEachWrite write every change to the file before acknowledging it, so a killed store
     *                        process loses nothing it acknowledged (the operating system still holds what it
     *                        wrote); otherwise H2 writes about once a second and a kill -9 loses that second
     */
    public static IndexedH2Backend file(String fileName, boolean commitEachWrite) {
        return file(fileName, commitEachWrite, DEFAULT_CACHE_MB);
    }

    /**
     * As {@link #file(String, boolean)}, with H2's page cache at {@code cacheMb} megabytes (H2's default: 16): pages
     * not in it are read from the file and decoded again.
     */
    public static IndexedH2Backend file(String fileName, boolean commitEachWrite, int cacheMb) {
        MVStore store = new MVStore.Builder().fileName(fileName).cacheSize(cacheMb).open();
        StoreFormat.upgrade(store);
        return new IndexedH2Backend(store, commitEachWrite);
    }

    public static IndexedH2Backend inMemory() {
        return new IndexedH2Backend(MVStore.open(null), false);
    }

    /**
     * With {@code commitEachWrite}, a write's reply leaves only once the write is on disk. The reply is held in the
     * connection's pipeline ({@link DurableReplies}) rather than here: this runs on one of the server's few event
     * loops, which meanwhile serve other connections' reads and writes.
     */
    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document result = super.handleCommand(channel, databaseName, command, query);
        if (groupCommit != null && WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            if (channel == null) {
                groupCommit.awaitDurable();
            } else {
                durableReplies.holdNextReply(channel, groupCommit.applied());
            }
        }
        return result;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return IndexedH2Database.open(databaseName, getMvStore(), getCursorRegistry(), this::countFullScan,
                this::countIndexRead);
    }

    /** Write commands that waited to be on disk so far, and the commits that put them there. */
    public record Durability(long writes, long commits) {
    }

    /** So far; zeros without {@code commitEachWrite}. */
    public Durability durability() {
        return groupCommit == null ? new Durability(0, 0) : new Durability(groupCommit.writes(), groupCommit.commits());
    }

    /**
     * The file and H2's page cache so far: the file's size, how full its chunks are with live pages (H2 rewrites the
     * emptiest ones), the pages read from the file because the cache did not hold them and their bytes, and the cache's
     * use and size.
     */
    public record FileStats(long fileBytes, int chunks, int fillPercent, long pageReads, long readBytes,
                            int cacheUsedMb, int cacheMb) {
    }

    /**
     * So far; for the in-memory store, zeros. Counting the chunks copies H2's layout map (an entry per chunk, which
     * every commit rewrites for each chunk it freed pages of): for a report, not for a hot path.
     */
    public FileStats fileStats() {
        MVStore store = getMvStore();
        FileStore<?> file = store.getFileStore();
        if (file == null) {
            return new FileStats(0, 0, 0, 0, 0, 0, 0);
        }
        int chunks = (int) store.getLayoutMap().keySet().stream().filter(key -> key.startsWith("chunk.")).count();
        return new FileStats(file.size(), chunks, file.getChunksFillRate(), file.getReadCount(), file.getReadBytes(),
                store.getCacheSizeUsed(), store.getCacheSize());
    }

    /** Queries that read a whole collection because no index served them, by "database.collection". */
    public Map<String, Long> fullScans() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        fullScans.forEach((collection, count) -> counts.put(collection, count.sum()));
        return counts;
    }

    private void countFullScan(String collection) {
        fullScans.computeIfAbsent(collection, k -> new LongAdder()).increment();
    }

    /** Reads of one non-unique index so far, and the candidate documents they yielded. */
    public record IndexReads(long reads, long candidates) {
    }

    private record Reads(LongAdder reads, LongAdder candidates) {
    }

    /**
     * By "database.collection.index", the reads of each non-unique index so far. Candidates per read that grow with
     * the collection mean a query whose index narrows it too little: on MongoDB, as many keys examined.
     */
    public Map<String, IndexReads> indexReads() {
        Map<String, IndexReads> counts = new java.util.TreeMap<>();
        indexReads.forEach((index, reads) -> counts.put(index,
                new IndexReads(reads.reads().sum(), reads.candidates().sum())));
        return counts;
    }

    private void countIndexRead(String index, int candidates) {
        Reads reads = indexReads.computeIfAbsent(index, k -> new Reads(new LongAdder(), new LongAdder()));
        reads.reads().increment();
        reads.candidates().add(candidates);
    }
}
