package io.provisio.identity.partner.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;

/** Insert-if-absent: the one write bootstrap does, so it never overwrites what exists. */
final class Inserts {

    private Inserts() {
    }

    /** @return false when a unique index (the id or another) already holds such a document */
    static boolean insertIfAbsent(MongoCollection<Document> collection, Document document) {
        try {
            collection.insertOne(document);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            return false;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }
}
