package io.provisio.subscription.subscriptions.persistence;

import java.time.Instant;

import com.mongodb.client.MongoCollection;
import io.provisio.platform.mongo.LatestInstant;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static io.provisio.subscription.subscriptions.persistence.SubscriptionDocuments.BILLING_PAUSE;

/** Billing paused while the customer is suspended: {@code billingPause} of {@code subscriptions} (ADR 017). */
@Component
public class BillingPauseStore {

    private final SubscriptionDocuments documents;
    private final MongoCollection<Document> subscriptions;

    BillingPauseStore(MongoTemplate mongo) {
        this.documents = new SubscriptionDocuments(mongo);
        this.subscriptions = documents.collection();
    }

    /**
     * Applies the customer's latest suspension ({@code paused}) or resumption as of {@code at} to each of its
     * subscriptions whose own record is older: one conditional update per document, so the latest instant wins
     * on every subscription whatever order the writers come in, and repeating it changes nothing. Every status
     * (a PENDING addition too), so one added while the customer is suspended is paused as well.
     *
     * @return how many subscriptions changed
     */
    public long recordBillingPause(String partnerId, String customerId, boolean paused, Instant at) {
        return subscriptions.updateMany(and(eq("partnerId", partnerId), eq("customerId", customerId),
                        LatestInstant.olderThan(BILLING_PAUSE, at)),
                set(BILLING_PAUSE, documents.billingPause(paused, at))).getModifiedCount();
    }
}
