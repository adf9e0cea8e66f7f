package io.provisio.devstack.store;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/** An H2 database whose indexes serve what a real mongod's would (see {@link IndexedH2Backend}). */
final class IndexedH2Database extends H2Database {

    /** The super constructor opens collections before this class's fields exist; they travel here. */
    private static final ThreadLocal<Opening> OPENING = new ThreadLocal<>();

    private record Opening(MVStore store, Consumer<String> fullScans, ObjIntConsumer<String> indexReads) {
    }

    private final MVStore store;
    private final Consumer<String> fullScans;
    private final ObjIntConsumer<String> indexReads;

    private IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursors) {
        super(databaseName, store, cursors);
        Opening opening = OPENING.get();
        this.store = opening.store();
        this.fullScans = opening.fullScans();
        this.indexReads = opening.indexReads();
    }

    static IndexedH2Database open(String databaseName, MVStore store, CursorRegistry cursors,
                                  Consumer<String> fullScans, ObjIntConsumer<String> indexReads) {
        OPENING.set(new Opening(store, fullScans, indexReads));
        try {
            return new IndexedH2Database(databaseName, store, cursors);
        } finally {
            OPENING.remove();
        }
    }

    /** What this database opens its maps with; during the super constructor, still in {@link #OPENING}. */
    private Opening opening() {
        return store != null ? new Opening(store, fullScans, indexReads) : OPENING.get();
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                   boolean sparse) {
        MVMap<KeyValue, Object> map = StoreFormat.uniqueIndex(opening().store(),
                getFullCollectionNamespace(collectionName), indexName);
        return new AnchoredUniqueIndex<>(new KeyedUniqueIndex(map, indexName, keys, sparse), sparse);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                      boolean sparse) {
        return new SecondaryIndex<>(indexName, keys, sparse,
                getFullCollectionNamespace(collectionName) + "." + indexName, opening().indexReads());
    }

    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        Opening opening = opening();
        String fullName = getFullCollectionNamespace(collectionName);
        // The same map names as H2Database's, so a file the stock backend wrote opens (StoreFormat).
        MVMap<Object, byte[]> data = StoreFormat.documents(opening.store(), "databases." + fullName);
        return new IndexedH2Collection(this, collectionName, options, data, cursorRegistry, opening.fullScans());
    }
}
