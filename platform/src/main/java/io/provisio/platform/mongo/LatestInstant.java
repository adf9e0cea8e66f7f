package io.provisio.platform.mongo;

import java.time.Instant;
import java.util.Date;

import org.bson.conversions.Bson;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

/**
 * The latest-instant-wins rule of records kept from events that may arrive twice or out of order (a customer's
 * suspension and resumption, ADR 017): a record {@code {..., at}} is written only over an older one, in one
 * conditional write, so a duplicate or a late older event changes nothing.
 */
public final class LatestInstant {

    private LatestInstant() {
    }

    /** Matches a document whose record {@code field} is absent or older than {@code at}: the write may move it forward. */
    public static Bson olderThan(String field, Instant at) {
        return or(eq(field + ".at", null), lt(field + ".at", Date.from(at)));
    }
}
