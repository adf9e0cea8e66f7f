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

    private final Map<String, LongAdder> fullScans = new ConcurrentHashMap<>();
    private final boolean commitEachWrite;

    private IndexedH2Backend(MVStore store, boolean commitEachWrite) {
        super(store);
        this.commitEachWrite = commitEachWrite;
    }

    /**
     * A store persisted to {@code fileName} (created if missing).
     *
     * @param commitEachWrite write every change to the file before acknowledging it, so a killed store
     *                        process loses nothing it acknowledged (the operating system still holds what it
     *                        wrote); otherwise H2 writes about once a second and a kill -9 loses that second
     */
    public static IndexedH2Backend file(String fileName, boolean commitEachWrite) {
        MVStore store = MVStore.open(fileName);
        StoreFormat.upgrade(store);
        return new IndexedH2Backend(store, commitEachWrite);
    }

    public static IndexedH2Backend inMemory() {
        return new IndexedH2Backend(MVStore.open(null), false);
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document result = super.handleCommand(channel, databaseName, command, query);
        if (commitEachWrite && WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            // Concurrent writers' changes go to disk in one commit: MVStore serialises commits itself.
            commit();
        }
        return result;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return IndexedH2Database.open(databaseName, getMvStore(), getCursorRegistry(), this::countFullScan);
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
}
