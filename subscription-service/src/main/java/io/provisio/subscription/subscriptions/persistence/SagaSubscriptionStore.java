package io.provisio.subscription.subscriptions.persistence;

import com.mongodb.client.MongoCollection;
import io.provisio.platform.mongo.MongoWrites;
import io.provisio.subscription.subscriptions.domain.Subscription;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/** The ASSIGN_PLANS step's writes to {@code subscriptions} ({@link SubscriptionDocuments}): keyed by the saga. */
@Component
public class SagaSubscriptionStore {

    private final SubscriptionDocuments documents;
    private final MongoCollection<Document> subscriptions;

    SagaSubscriptionStore(MongoTemplate mongo) {
        this.documents = new SubscriptionDocuments(mongo);
        this.subscriptions = documents.collection();
    }

    /** @return whether it was new; a subscription created by an earlier run of the action stays as it is */
    public boolean insertIfMissing(Subscription s) {
        return MongoWrites.insertIfAbsent(subscriptions, documents.document(s));
    }

    /** Deletes the saga's own subscriptions (served by the index on {@code (partnerId, sagaId)}). */
    public long deleteOfSaga(String partnerId, String sagaId) {
        return subscriptions.deleteMany(and(eq("partnerId", partnerId), eq("sagaId", sagaId))).getDeletedCount();
    }
}
