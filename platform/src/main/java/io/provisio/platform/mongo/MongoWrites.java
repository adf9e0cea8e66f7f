package io.provisio.platform.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;

/** Insert-if-absent: how idempotent writes and "create what is missing" bootstraps are done. */
public final class MongoWrites {

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
}
