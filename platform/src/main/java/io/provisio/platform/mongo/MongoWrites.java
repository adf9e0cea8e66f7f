package io.provisio.platform.mongo;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;

/** Insert-if-absent: how idempotent writes and "create what is missing" bootstraps are done. */
public final class MongoWrites {

    /** MongoDB's E11000 message (and the embedded store's, which copies it) names the index that refused. */
    private static final Pattern VIOLATED_INDEX = Pattern.compile("index: (\\S+) dup key");

    private MongoWrites() {
    }

    /** @return false when a unique index (the id or another) already holds such a document */
    public static boolean insertIfAbsent(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (RuntimeException e) {
            if (isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    /** Whether a write failed on a unique index, through the driver or through Spring's translation. */
    public static boolean isDuplicateKey(RuntimeException e) {
        return e instanceof DuplicateKeyException
                || e instanceof MongoWriteException write && write.getError().getCategory() == ErrorCategory.DUPLICATE_KEY;
    }

    /**
     * The unique index that refused a write, read from the server's E11000 message (for instance
     * {@code "... index: emailKey_unique dup key: ..."}), so a caller can tell which rule was broken
     * without a second, racy read. Empty when the failure is no duplicate key or names no index.
     */
    public static Optional<String> violatedIndex(RuntimeException e) {
        if (!isDuplicateKey(e)) {
            return Optional.empty();
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause instanceof MongoWriteException write ? write.getError().getMessage()
                    : cause.getMessage();
            if (message != null) {
                Matcher index = VIOLATED_INDEX.matcher(message);
                if (index.find()) {
                    return Optional.of(index.group(1));
                }
            }
        }
        return Optional.empty();
    }
}
