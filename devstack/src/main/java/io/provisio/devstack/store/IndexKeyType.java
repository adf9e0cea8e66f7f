package io.provisio.devstack.store;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of a unique index ({@code _id} included) in the H2 file: compared by value and written as BSON.
 *
 * <p>H2's default type cannot compare a {@link KeyValue} (it is not {@code Comparable}), so it Java-serialised
 * both keys on every comparison of every index look-up: ~15 serialisations per look-up, the largest single cost of
 * the store (docs/PERFORMANCE.md, run 17). This order is a different one, so a file whose indexes were built in the
 * old order is rebuilt once when it opens ({@link StoreFormat}).
 *
 * <p>The order is total and agrees with {@link KeyValue#equals}: value by value, first by BSON type, then by Java
 * class, then by the class's own order where it agrees with {@code equals}, else by the value's BSON bytes (as H2's
 * serialised form did, two values are one key only if they encode alike).
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

    /** Classes whose {@code compareTo} is 0 exactly when {@code equals} is true. */
    private static final Set<Class<?>> ORDERED = Set.of(String.class, Double.class, Long.class, Integer.class,
            Boolean.class, Instant.class, UUID.class);

    private final ObjectDataType older = new ObjectDataType();

    @Override
    public int compare(KeyValue a, KeyValue b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int order = compareValues(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        int order = Byte.compare(BsonEncoder.determineType(a), BsonEncoder.determineType(b));
        if (order != 0) {
            return order;
        }
        if (a.getClass() != b.getClass()) {
            return a.getClass().getName().compareTo(b.getClass().getName());
        }
        if (ORDERED.contains(a.getClass())) {
            return ((Comparable) a).compareTo(b);
        }
        return Arrays.compare(bson(List.of(a)), bson(List.of(b)));
    }

    @Override
    public int getMemory(KeyValue key) {
        int memory = 48;
        for (Object value : key) {
            memory += value instanceof String text ? 40 + 2 * text.length() : 64;
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer out, KeyValue key) {
        out.put(BsonBytesType.BSON).put(bson(key));
    }

    @Override
    public KeyValue read(ByteBuffer in) {
        if (in.get(in.position()) != BsonBytesType.BSON) {
            return (KeyValue) older.read(in);
        }
        return new KeyValue(BsonBytesType.readBson(in).values());
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }

    /** The values as a BSON document {"0": ..., "1": ...}. */
    private static byte[] bson(Iterable<?> values) {
        Document document = new Document();
        for (Object value : values) {
            document.put(Integer.toString(document.size()), value);
        }
        return BsonBytesType.encode(document);
    }
}
