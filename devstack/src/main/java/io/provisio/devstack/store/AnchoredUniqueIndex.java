package io.provisio.devstack.store;

import java.util.Collection;
import java.util.Map;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;

/**
 * A unique index ({@code _id} included) that also serves a query naming its keys by equality or
 * {@code $in} next to other conditions, e.g. {@code {_id: x, version: 3}}: the index finds the
 * document(s), the collection matches them against the whole query. The stock index serves only a
 * query with exactly its keys and nothing else, and reads the whole collection for the rest.
 */
final class AnchoredUniqueIndex<P> extends Index<P> {

    private final Index<P> unique;

    AnchoredUniqueIndex(Index<P> unique, boolean sparse) {
        super(unique.getName(), unique.getKeys(), sparse);
        this.unique = unique;
    }

    @Override
    public boolean canHandle(Document query) {
        if (unique.canHandle(query)) {
            return true;
        }
        Document conditions = Conditions.of(query);
        if (!conditions.keySet().containsAll(keys())) {
            return false;
        }
        return unique.canHandle(anchor(conditions)) && keys().stream().allMatch(key -> pinned(conditions.get(key)));
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        return unique.canHandle(query) ? unique.getPositions(query) : unique.getPositions(anchor(Conditions.of(query)));
    }

    /** The query's conditions on this index's keys alone. */
    private Document anchor(Document query) {
        Document anchor = new Document();
        keys().forEach(key -> anchor.put(key, query.get(key)));
        return anchor;
    }

    /** A plain value or {@code {$in: [...]}}: a condition that names the exact keys to look up. */
    static boolean pinned(Object condition) {
        if (condition == null || condition instanceof Collection || condition instanceof java.util.regex.Pattern) {
            return false;
        }
        if (condition instanceof Map<?, ?> map) {
            return map.size() == 1 && map.get("$in") instanceof Collection<?> values
                    && values.stream().noneMatch(v -> v == null || v instanceof Map || v instanceof Collection);
        }
        return !de.bwaldvogel.mongo.bson.BsonRegularExpression.isRegularExpression(condition);
    }

    @Override
    public P getPosition(Document document) {
        return unique.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        unique.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        unique.add(document, position, collection);
    }

    @Override
    public P remove(Document document) {
        return unique.remove(document);
    }

    @Override
    public long getCount() {
        return unique.getCount();
    }

    @Override
    public boolean isEmpty() {
        return unique.isEmpty();
    }

    @Override
    public long getDataSize() {
        return unique.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        unique.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection)
            throws KeyConstraintError {
        unique.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public void drop() {
        unique.drop();
    }

    @Override
    public boolean isUnique() {
        return true;
    }
}
