package io.provisio.subscription.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.bson.Document;

/** Insert-if-missing and the date conversions every store of this service uses. */
public final class MongoWrites {

    private MongoWrites() {
    }

    /**
     * Inserts {@code document} unless one with its {@code _id} exists; an existing document is
     * never touched, which is what "create what is missing, never overwrite" and a redone saga
     * action both need.
     *
     * @return whether this call inserted it
     */
    public static boolean insertIfMissing(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Calendar days are stored as UTC midnight, so "due by now" is a plain range query. */
    public static Date toDate(LocalDate day) {
        return day == null ? null : Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    public static LocalDate toLocalDate(Date date) {
        return date == null ? null : LocalDate.ofInstant(date.toInstant(), ZoneOffset.UTC);
    }

    public static Date toDate(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    public static Instant toInstant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** Reads a numeric field whatever integral type a writer used. */
    public static int intOf(Document document, String field) {
        Object value = document.get(field);
        return value instanceof Number number ? number.intValue() : 0;
    }
}
