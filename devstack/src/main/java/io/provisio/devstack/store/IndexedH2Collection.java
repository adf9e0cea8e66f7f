package io.provisio.devstack.store;

import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;

/**
 * A collection whose documents H2 holds as their BSON bytes ({@link BsonBytesType}), read through the narrowest
 * index that can serve a query ({@link IndexChoice}); otherwise mongo-java-server's {@code H2Collection}.
 *
 * <p>Every document read is decoded from its bytes, so what leaves the collection is a document of its own: a reply
 * encoded after the collection's lock is released, or an update that changes what it read, never touches what H2
 * holds (the stock collection handed out and updated the stored objects themselves, which tore replies and once
 * closed the store: docs/PERFORMANCE.md, run 18). The collection's data size is summed from the stored bytes when
 * asked, which spares the stock collection's re-encoding of each document written to measure it and its write of
 * the running total with every document (a page of its own in every commit).
 */
final class IndexedH2Collection extends AbstractSynchronizedMongoCollection<Object> {

    private final MVMap<Object, byte[]> data;
    private final Consumer<String> fullScans;

    IndexedH2Collection(MongoDatabase database, String collectionName, CollectionOptions options,
                        MVMap<Object, byte[]> data, CursorRegistry cursors, Consumer<String> fullScans) {
        super(database, collectionName, options, cursors);
        this.data = data;
        this.fullScans = fullScans;
    }

    /** Nothing is written per document to keep the data size: {@link #getDataSize} measures it when asked. */
    @Override
    protected boolean tracksDataSize() {
        return false;
    }

    @Override
    protected void updateDataSize(int sizeDelta) {
        // not kept: see getDataSize
    }

    /** The stored documents' BSON sizes, summed when asked ({@code collStats}, rare): a walk, nothing decoded. */
    @Override
    protected int getDataSize() {
        long size = 0;
        for (byte[] bson : data.values()) {
            size += bson.length;
        }
        return (int) Math.min(size, Integer.MAX_VALUE);
    }

    @Override
    protected Object addDocumentInternal(Document document) {
        Object id = getIdField() != null ? Utils.getSubdocumentValue(document, getIdField()) : UUID.randomUUID();
        if (data.put(Missing.ofNullable(id), BsonBytesType.encode(document)) != null) {
            throw new IllegalStateException("Document with key '" + id + "' already existed in " + this);
        }
        return id;
    }

    @Override
    protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
        data.put(Missing.ofNullable(position), BsonBytesType.encode(newDocument));
    }

    @Override
    protected void removeDocument(Object position) {
        if (data.remove(position) == null) {
            throw new NoSuchElementException("No document with key " + position);
        }
    }

    @Override
    public int count() {
        return data.size();
    }

    @Override
    public boolean isEmpty() {
        return data.isEmpty();
    }

    @Override
    protected Document getDocument(Object position) {
        byte[] bson = data.get(position);
        return bson == null ? null : BsonBytesType.decode(bson);
    }

    @Override
    protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
        return data.entrySet().stream()
                .map(entry -> new DocumentWithPosition<>(BsonBytesType.decode(entry.getValue()), entry.getKey()));
    }

    /** The whole collection, read because no index can serve the query: counted for the store's report. */
    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                         Document fieldSelector) {
        if (!getCollectionName().startsWith("system.")) {
            fullScans.accept(getFullName());
        }
        Stream<Document> documents;
        if (isNaturalDescending(orderBy)) {
            documents = streamAllDocumentsWithPosition()
                    .sorted((a, b) -> ValueComparator.desc().compare(a.getPosition(), b.getPosition()))
                    .map(DocumentWithPosition::getDocument);
        } else {
            documents = data.values().stream().map(BsonBytesType::decode);
        }
        return matchDocumentsFromStream(documents, query, orderBy, skip, limit, batchSize, fieldSelector);
    }

    /**
     * Reads the narrowest index that can serve the query, not the first (mongo-java-server's choice). Positions
     * already in the sort's order need no sort and are fetched as the stream of documents goes, which stops at the
     * limit: a claim of the first due e-mail would otherwise gather and decode the whole backlog.
     */
    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int skip, int limit, int batchSize,
                                         Document fieldSelector) {
        Index<Object> index = IndexChoice.narrowest(getIndexes(), query);
        if (index == null) {
            return matchDocuments(query, orderBy, skip, limit, batchSize, fieldSelector);
        }
        if (index instanceof SecondaryIndex<Object> secondary && secondary.yieldsInOrder(query, orderBy)) {
            return matchDocuments(query, secondary.positionsInOrder(query), null, skip, limit, batchSize, fieldSelector);
        }
        return matchDocuments(query, index.getPositions(query), orderBy, skip, limit, batchSize, fieldSelector);
    }
}
