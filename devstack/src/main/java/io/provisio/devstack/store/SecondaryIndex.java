package io.provisio.devstack.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ObjIntConsumer;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A non-unique index, which the stock backend ignores. It lives in memory, ordered by key, and is
 * rebuilt from the collection when the store opens (mongo-java-server fills an empty index from every
 * document), so it costs nothing on disk and cannot drift from the data.
 *
 * <p>It serves a query that constrains its first key by equality, {@code $in} or a range
 * ({@code $lt $lte $gt $gte}), and narrows further on the following keys while they are equalities,
 * as a MongoDB index scan does. The bounds are always inclusive and types are not bracketed: the
 * candidates are a superset of the answer, which the collection then matches against the whole query.
 */
final class SecondaryIndex<P> extends Index<P> {

    private static final Object LOWEST = new Object();
    private static final Object HIGHEST = new Object();
    private static final Comparator<Object> VALUES = ValueComparator.ascWithoutListHandling();
    private static final Comparator<List<Object>> KEYS = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int order = compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    /** Appended to {@link #label} for what {@link #candidates} counted while an index was being chosen. */
    static final String COUNTED = " (counted to choose)";

    /** Appended to {@link #label} for the batches an in-order read fetched after its first ({@link #positionsInOrder}). */
    static final String READ_ON = " (read on in order)";
    /** The first batch of an in-order read: a claim of the first due document needs one. */
    private static final int FIRST_BATCH = 16;
    private static final int LARGEST_BATCH = 4096;

    /** "database.collection.index", what {@link #reads} is told. */
    private final String label;
    /** {@link #label} with {@link #COUNTED}, built once: {@link #candidates} runs on every choice between indexes. */
    private final String countedLabel;
    /** Told each read's number of candidates, to find reads that grow with the data although an index serves them. */
    private final ObjIntConsumer<String> reads;
    private final NavigableMap<List<Object>, Set<P>> entries = new TreeMap<>(KEYS);
    /** What each document is indexed under, by its {@code _id}, to remove it again. */
    private final Map<Object, Indexed<P>> documents = new HashMap<>();

    private record Indexed<P>(P position, Set<List<Object>> keys) {
    }

    /**
     * One contiguous stretch of the index to read, both ends inclusive.
     *
     * @param bracket for a range, which key component it bounds and a value of the type it compares with
     *                (as MongoDB, {@code $lt: <date>} matches dates only, never null or a number), or {@code null}
     */
    private record Range(List<Object> from, List<Object> to, Bracket bracket) {

        /** Whether a key within the bounds is of the bracket's type, if there is one. */
        boolean admits(List<Object> key) {
            return bracket == null || bracket.admits(key);
        }
    }

    private record Bracket(int component, Object bound) {

        boolean admits(List<Object> key) {
            return sameType(key.get(component), bound);
        }
    }

    SecondaryIndex(String name, List<IndexKey> keys, boolean sparse, String label, ObjIntConsumer<String> reads) {
        super(name, keys, sparse);
        this.label = label;
        this.countedLabel = label + COUNTED;
        this.reads = reads;
    }

    @Override
    public synchronized boolean canHandle(Document query) {
        return ranges(query) != null;
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        Set<P> positions = new LinkedHashSet<>();
        for (Range range : ranges(query)) {
            entries.subMap(range.from(), true, range.to(), true).forEach((key, atKey) -> {
                if (range.admits(key)) {
                    positions.addAll(atKey);
                }
            });
        }
        reads.accept(label, positions.size());
        return new ArrayList<>(positions);
    }

    /**
     * The candidates of a query that reads one stretch of the index ({@link #yieldsInOrder}), in the index's order and
     * fetched as the reader goes: a batch of {@value #FIRST_BATCH} first, each next one eight times larger. A limited
     * read then stops within its first batch, as MongoDB's index scan stops at the limit, instead of gathering every
     * candidate of the stretch (the dispatcher's claim of the first due e-mail gathered the whole due backlog each
     * time; docs/PERFORMANCE.md, run 23). Each batch is read under the index's lock and the reader resumes after the
     * last key it was handed, so writes between batches are seen as a MongoDB scan that yields sees them: a document
     * is handed at most once, and one that moves behind the reader is not handed. {@link #reads} is told the first
     * batch as the read and each later one under {@link #READ_ON}.
     */
    Iterable<P> positionsInOrder(Document query) {
        Range range;
        synchronized (this) {
            List<Range> ranges = ranges(query);
            if (ranges == null || ranges.size() != 1) {
                throw new IllegalArgumentException("not one stretch of " + label + ": " + query);
            }
            range = ranges.getFirst();
        }
        return () -> new InOrder(range);
    }

    private final class InOrder implements Iterator<P> {

        private final Range range;
        private final ArrayDeque<P> batch = new ArrayDeque<>();
        private final Set<P> handed = new HashSet<>();
        /** The last key whose positions were fetched, or null before the first batch. */
        private List<Object> after;
        private boolean ended;
        private int size = FIRST_BATCH;

        InOrder(Range range) {
            this.range = range;
        }

        @Override
        public boolean hasNext() {
            if (batch.isEmpty() && !ended) {
                fetch();
            }
            return !batch.isEmpty();
        }

        @Override
        public P next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return batch.poll();
        }

        private void fetch() {
            boolean first = after == null;
            synchronized (SecondaryIndex.this) {
                NavigableMap<List<Object>, Set<P>> rest = first
                        ? entries.subMap(range.from(), true, range.to(), true)
                        : entries.subMap(after, false, range.to(), true);
                ended = true;
                for (Map.Entry<List<Object>, Set<P>> entry : rest.entrySet()) {
                    if (batch.size() >= size) {
                        ended = false;
                        break;
                    }
                    after = entry.getKey();
                    if (range.admits(entry.getKey())) {
                        for (P position : entry.getValue()) {
                            if (handed.add(position)) {
                                batch.add(position);
                            }
                        }
                    }
                }
            }
            reads.accept(first ? label : label + READ_ON, batch.size());
            size = Math.min(size * 8, LARGEST_BATCH);
        }
    }

    /**
     * How many candidates {@link #getPositions} would yield for {@code query}, counted only until it exceeds
     * {@code atMost}: enough to compare indexes without reading a wide one through.
     */
    synchronized long candidates(Document query, long atMost) {
        long count = 0;
        ranges:
        for (Range range : ranges(query)) {
            for (Map.Entry<List<Object>, Set<P>> entry : entries.subMap(range.from(), true, range.to(), true).entrySet()) {
                if (range.admits(entry.getKey())) {
                    count += entry.getValue().size();
                    if (count > atMost) {
                        break ranges;
                    }
                }
            }
        }
        reads.accept(countedLabel, (int) Math.min(count, Integer.MAX_VALUE));
        return count;
    }

    /**
     * Whether {@link #getPositions} yields the documents {@code query} can match already in {@code orderBy}'s order,
     * so the collection need not sort them and a limited query can stop at its limit, as MongoDB's does when an
     * index provides the sort (no in-memory sort). True when the query reads one stretch of the index and the sort
     * asks, ascending, for the index's keys that follow those the query pins to one value (a pinned key may appear
     * anywhere in the sort: it does not change the order). The dispatcher's claim of the e-mail due first, {@code
     * {status: SCHEDULED, sendAt <= now}} sorted by {@code sendAt} on {@code (status, sendAt)}, then reads one
     * document instead of the whole due backlog (docs/PERFORMANCE.md, run 21).
     */
    synchronized boolean yieldsInOrder(Document query, Document orderBy) {
        if (orderBy == null || orderBy.isEmpty()) {
            return false;
        }
        List<Range> ranges = ranges(query);
        if (ranges == null || ranges.size() != 1) {
            return false;
        }
        Range range = ranges.getFirst();
        List<String> names = keys();
        int pinned = 0;
        while (pinned < names.size() && compare(range.from().get(pinned), range.to().get(pinned)) == 0) {
            pinned++;
        }
        int next = pinned;
        for (Map.Entry<String, Object> field : orderBy.entrySet()) {
            if (!(field.getValue() instanceof Number direction) || direction.doubleValue() != 1) {
                return false;
            }
            int at = names.indexOf(field.getKey());
            if (at >= 0 && at < pinned) {
                continue;
            }
            if (at != next) {
                return false;
            }
            next++;
        }
        return true;
    }

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        if (isSparse() && keys().stream().noneMatch(key -> present(document, key))) {
            return;
        }
        // Recorded even without keys (an empty array yields none): the collection asks every non-sparse
        // index for the document's position when it removes it.
        Set<List<Object>> keys = keysOf(document);
        documents.put(document.get("_id"), new Indexed<>(position, keys));
        for (List<Object> key : keys) {
            addTo(key, position);
        }
    }

    @Override
    public synchronized P remove(Document document) {
        Indexed<P> indexed = documents.remove(document.get("_id"));
        if (indexed == null) {
            return null;
        }
        for (List<Object> key : indexed.keys()) {
            removeFrom(key, indexed.position());
        }
        return indexed.position();
    }

    /**
     * Touches only the keys the update changed: most updates (a status, a version, a lease) leave this index's keys
     * as they were, and removing and re-adding each of them walked the tree twice per index for nothing
     * (docs/PERFORMANCE.md, run 21).
     */
    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
                                           MongoCollection<P> collection) {
        Object id = oldDocument.get("_id");
        Indexed<P> indexed = documents.get(id);
        boolean stillIndexed = !isSparse() || keys().stream().anyMatch(key -> present(newDocument, key));
        if (indexed == null || !stillIndexed || !indexed.position().equals(position)
                || !Objects.equals(id, newDocument.get("_id"))) {
            remove(oldDocument);
            add(newDocument, position, collection);
            return;
        }
        Set<List<Object>> keys = keysOf(newDocument);
        if (keys.equals(indexed.keys())) {
            return;
        }
        for (List<Object> key : indexed.keys()) {
            if (!keys.contains(key)) {
                removeFrom(key, position);
            }
        }
        // Every new key, not only the added ones: keys unequal here may share an entry (an array's 1 and 1L).
        for (List<Object> key : keys) {
            addTo(key, position);
        }
        documents.put(id, new Indexed<>(position, keys));
    }

    private void addTo(List<Object> key, P position) {
        entries.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(position);
    }

    private void removeFrom(List<Object> key, P position) {
        Set<P> positions = entries.get(key);
        if (positions != null) {
            positions.remove(position);
            if (positions.isEmpty()) {
                entries.remove(key);
            }
        }
    }

    /** Not unique: a document's keys never locate one position. */
    @Override
    public P getPosition(Document document) {
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        // nothing to violate
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        // nothing to violate
    }

    @Override
    public synchronized long getCount() {
        return documents.size();
    }

    @Override
    public synchronized long getDataSize() {
        return documents.size();
    }

    @Override
    public synchronized void drop() {
        entries.clear();
        documents.clear();
    }

    private Set<List<Object>> keysOf(Document document) {
        Set<List<Object>> keys = new LinkedHashSet<>();
        for (KeyValue value : getKeyValues(document)) {
            List<Object> key = new ArrayList<>(value.size());
            value.forEach(key::add);
            keys.add(key);
        }
        return keys;
    }

    private static boolean present(Document document, String path) {
        Object value = de.bwaldvogel.mongo.backend.Utils.getSubdocumentValueCollectionAware(document, path);
        return value != null && !(value instanceof de.bwaldvogel.mongo.backend.Missing);
    }

    /**
     * The stretches of the index that hold every document the query can match, or {@code null} when
     * the query does not constrain the first key in a way the index can use.
     */
    private List<Range> ranges(Document query) {
        query = Conditions.of(query);
        List<String> names = keys();
        List<Object> from = new ArrayList<>();
        List<Object> to = new ArrayList<>();
        List<Object> points = null;
        Bracket bracket = null;
        for (String name : names) {
            if (!query.containsKey(name)) {
                break;
            }
            Object condition = query.get(name);
            if (AnchoredUniqueIndex.pinned(condition) && !(condition instanceof Map)) {
                from.add(condition);
                to.add(condition);
                continue;
            }
            if (condition instanceof Map<?, ?> operators) {
                if (AnchoredUniqueIndex.pinned(condition)) {
                    points = new ArrayList<>((Collection<?>) operators.get("$in"));
                } else if (isRange(operators)) {
                    Object lower = operators.containsKey("$gt") ? operators.get("$gt") : operators.get("$gte");
                    Object upper = operators.containsKey("$lt") ? operators.get("$lt") : operators.get("$lte");
                    Object typed = lower != null ? lower : upper;
                    from.add(lower != null ? lower : lowestOfType(typed));
                    to.add(upper != null ? upper : HIGHEST);
                    bracket = new Bracket(from.size() - 1, typed);
                }
            }
            break;
        }
        if (from.isEmpty() && points == null) {
            return null;
        }
        List<Range> ranges = new ArrayList<>();
        if (points == null) {
            ranges.add(new Range(pad(from, LOWEST), pad(to, HIGHEST), bracket));
        } else {
            for (Object point : points) {
                List<Object> at = new ArrayList<>(from);
                at.add(point);
                ranges.add(new Range(pad(at, LOWEST), pad(at, HIGHEST), null));
            }
        }
        return ranges;
    }

    private static boolean isRange(Map<?, ?> operators) {
        if (operators.isEmpty()) {
            return false;
        }
        for (Map.Entry<?, ?> operator : operators.entrySet()) {
            Object bound = operator.getValue();
            if (!List.of("$lt", "$lte", "$gt", "$gte").contains(operator.getKey()) || bound == null
                    || bound instanceof Map || bound instanceof Collection) {
                return false;
            }
        }
        return true;
    }

    /** Where values of the bound's type start in the index (null and the types before it are skipped). */
    private static Object lowestOfType(Object bound) {
        if (bound instanceof Number) {
            return Double.NEGATIVE_INFINITY;
        }
        if (bound instanceof CharSequence) {
            return "";
        }
        if (bound instanceof java.time.Instant || bound instanceof java.util.Date) {
            return java.time.Instant.MIN;
        }
        return LOWEST;
    }

    /** MongoDB's type bracketing, as far as range queries on this store's values need it. */
    private static boolean sameType(Object value, Object bound) {
        if (value == null || bound == null) {
            return false;
        }
        if (value instanceof Number || bound instanceof Number) {
            return value instanceof Number && bound instanceof Number;
        }
        if (value instanceof java.time.Instant || value instanceof java.util.Date) {
            return bound instanceof java.time.Instant || bound instanceof java.util.Date;
        }
        return value.getClass() == bound.getClass();
    }

    private List<Object> pad(List<Object> prefix, Object filler) {
        List<Object> key = new ArrayList<>(prefix);
        while (key.size() < keys().size()) {
            key.add(filler);
        }
        return key;
    }

    private static int compare(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        if (a == LOWEST || b == HIGHEST) {
            return -1;
        }
        if (a == HIGHEST || b == LOWEST) {
            return 1;
        }
        return VALUES.compare(a, b);
    }
}
