package io.provisio.devstack.store;

import java.util.List;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maps of the store's H2 file and their types: documents as their BSON bytes ({@link BsonBytesType}) under
 * their ids ({@link DocumentIdType}), unique index keys compared by value ({@link IndexKeyType}). The map names are
 * mongo-java-server's, so a file written by the stock backend opens; its unique indexes, sorted in the stock order,
 * are rebuilt once when it does.
 */
final class StoreFormat {

    private static final Logger log = LoggerFactory.getLogger(StoreFormat.class);

    /** The unique indexes already in {@link IndexKeyType}'s order, by map name. */
    private static final String KEYED_INDEXES = "provisio.keyedIndexes";
    private static final String INDEX_MAP = "._index_";
    private static final String REBUILDING = "~rebuilding";

    private StoreFormat() {
    }

    static MVMap<Object, byte[]> documents(MVStore store, String name) {
        return store.openMap(name, new MVMap.Builder<Object, byte[]>()
                .keyType(new DocumentIdType()).valueType(new BsonBytesType()));
    }

    /** H2Database's map for the index, so that dropping the index removes this map. */
    static MVMap<KeyValue, Object> uniqueIndex(MVStore store, String collectionNamespace, String indexName) {
        String name = collectionNamespace + INDEX_MAP + indexName;
        MVMap<KeyValue, Object> map = store.openMap(name, keyed());
        store.<String, Boolean>openMap(KEYED_INDEXES).putIfAbsent(name, Boolean.TRUE);
        return map;
    }

    /**
     * Rebuilds in {@link IndexKeyType}'s order each unique index not yet in it. Crash-safe at every step, whenever
     * H2 commits: the rebuilt copy replaces the index only when it is whole, and is marked only after that.
     */
    static void upgrade(MVStore store) {
        MVMap<String, Boolean> keyedIndexes = store.openMap(KEYED_INDEXES);
        for (String name : List.copyOf(store.getMapNames())) {
            if (name.endsWith(REBUILDING)) {
                String index = name.substring(0, name.length() - REBUILDING.length());
                if (!store.hasMap(index)) {
                    // Stopped between dropping the old index and renaming its whole copy: finish that.
                    store.renameMap(store.openMap(name, keyed()), index);
                } else {
                    store.removeMap(name);
                }
            }
        }
        int rebuilt = 0;
        for (String name : List.copyOf(store.getMapNames())) {
            if (!name.contains(INDEX_MAP) || name.endsWith(REBUILDING) || keyedIndexes.containsKey(name)) {
                continue;
            }
            // Read in the order the tree holds (iteration never compares), written into a copy in the new order.
            MVMap<KeyValue, Object> old = store.openMap(name, keyed());
            MVMap<KeyValue, Object> copy = store.openMap(name + REBUILDING, keyed());
            copy.putAll(old);
            store.removeMap(old);
            store.renameMap(copy, name);
            keyedIndexes.put(name, Boolean.TRUE);
            rebuilt++;
        }
        if (rebuilt > 0) {
            store.commit();
            log.info("Rebuilt {} unique indexes in the store's key order", rebuilt);
        }
    }

    private static MVMap.Builder<KeyValue, Object> keyed() {
        return new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType());
    }
}
