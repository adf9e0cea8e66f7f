package io.provisio.devstack.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ObjIntConsumer;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryParameters;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
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
        MVMap<Object, Document> data = StoreFormat.documents(opening.store(), "databases." + fullName);
        MVMap<String, Object> meta = opening.store().openMap("meta." + fullName);
        Consumer<String> scans = opening.fullScans();
        return new H2Collection(this, collectionName, options, data, meta, cursorRegistry) {
            @Override
            protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                                 Document fieldSelector) {
                if (!getCollectionName().startsWith("system.")) {
                    scans.accept(getFullName());
                }
                return super.matchDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
            }

            // The stock collection hands out the stored documents themselves, and an update rewrites the stored
            // document it read in place (under the collection's lock, but not under H2's). Two things read a stored
            // document outside that lock: a reply, encoded after the lock is released (a concurrent update tore it
            // or failed the encoding with a ConcurrentModificationException, which closed the client's
            // connection), and H2 itself, which encodes a changed page's documents when it commits (a concurrent
            // update failed the commit, and H2 then closes the whole store: docs/PERFORMANCE.md, run 18). What
            // leaves the collection's data is therefore a copy, and an update (findAndModify's too, which reads
            // through here) changes the copy and stores it: a stored document is never changed again, so what
            // findAndModify returns needs no copy of its own. The index read is the narrowest that can serve the query
            // (IndexChoice), not the first.
            @Override
            protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                                 Document fieldSelector) {
                Index<Object> index = IndexChoice.narrowest(getIndexes(), query);
                QueryResult result;
                if (index == null) {
                    result = matchDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
                } else {
                    // Positions already in the sort's order need no sort, and without one the stream of documents
                    // stops at the limit: each document read from H2 is decoded, so a claim of the first due e-mail
                    // would otherwise read the whole backlog.
                    Document sort = index instanceof SecondaryIndex<Object> secondary
                            && secondary.yieldsInOrder(query, orderBy) ? null : orderBy;
                    result = matchDocuments(query, index.getPositions(query), sort, skip, limit, batchSize,
                            fieldSelector);
                }
                List<Document> copies = new ArrayList<>();
                result.forEach(document -> copies.add(document.cloneDeeply()));
                return new QueryResult(copies, result.getCursorId());
            }
        };
    }
}
