package io.provisio.ids;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;

/**
 * Ids for stored documents, in the order they were made.
 *
 * <p>A random id (version 4) puts each new document at a random place in its collection's primary index, so every
 * insert touches a part of the tree nobody has read lately, and the part a store keeps in memory holds ever less of
 * what is being written and read: the cost of a write grows with the collection. Time-ordered ids put new documents
 * at one end, where the documents of the sagas in flight are too (docs/adr/032).
 */
public final class Ids {

    private static final int UUID_LENGTH = 36;
    private static final int TIME_ORDERED = 7;
    /** The 48 bits of a version 7 UUID that hold its time in milliseconds. */
    private static final long TIME_BITS = 0xFFFF_FFFF_FFFFL << 16;
    /** Version 8 ("custom", RFC 9562): the derived ids' own layout. */
    private static final long VERSION_8 = 0x8000L;
    private static final long VERSION_MASK = 0xF000L;

    private Ids() {
    }

    /** A new id: a version 7 UUID, later than every one this process made before. */
    public static String newId() {
        return Generator.V7.generate().toString();
    }

    /** A new id after {@code prefix} and a dash, e.g. {@code onb-0193…}. */
    public static String newId(String prefix) {
        return prefix + "-" + newId();
    }

    /**
     * The same id for the same {@code name} every time, made in the time order of {@code anchor}: a version 8 UUID
     * with the anchor's 48 bits of time and 74 bits of the name's MD5 hash. The anchor is the id the name derives
     * from (a saga's id, a prefix allowed); one that does not end in a version 7 UUID (made before ids were
     * time-ordered) gives {@link UUID#nameUUIDFromBytes}, the id such names always got, so a saga that began before
     * keeps its ids.
     */
    public static String derived(String anchor, String name) {
        UUID hash = UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
        UUID time = trailingUuid(anchor);
        if (time == null || time.version() != TIME_ORDERED) {
            return hash.toString();
        }
        long high = (time.getMostSignificantBits() & TIME_BITS) | VERSION_8
                | (hash.getMostSignificantBits() & ~TIME_BITS & ~VERSION_MASK);
        // The name-based UUID's variant bits are RFC 9562's already.
        return new UUID(high, hash.getLeastSignificantBits()).toString();
    }

    private static UUID trailingUuid(String id) {
        int start = id.length() - UUID_LENGTH;
        if (start < 0 || start > 0 && id.charAt(start - 1) != '-') {
            return null;
        }
        try {
            return UUID.fromString(id.substring(start));
        } catch (IllegalArgumentException notOne) {
            return null;
        }
    }

    /** Built on first use: {@link #derived} needs no generator. */
    private static final class Generator {
        static final TimeBasedEpochGenerator V7 = Generators.timeBasedEpochGenerator();
    }
}
