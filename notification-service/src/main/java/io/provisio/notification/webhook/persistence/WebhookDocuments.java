package io.provisio.notification.webhook.persistence;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.provisio.notification.webhook.domain.WebhookDelivery;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Collections {@code webhook_endpoints} ({@code _id} {@code whe-…}, {@link EndpointDocument}) and
 * {@code webhook_deliveries} ({@code _id} {@code whd-…}, {@link WebhookDelivery#idOf}, {@link DeliveryDocument}),
 * mapped by Spring Data from those records. Event types are stored by their wire names (an endpoint's unknown ones are
 * dropped on reading); a delivery's attempts are its {@code log}; while a dispatcher holds a delivery it carries
 * {@code leaseOwner} and {@code leaseUntil}.
 *
 * <p>The names and the indexes every store of the two collections shares; each store serves one use (endpoints, the
 * deliveries an event creates and the onboarding holds, the dispatcher's claims, queries). Filters are the driver's,
 * documents and updates Spring Data's ({@code MongoMapping}).
 */
final class WebhookDocuments {

    static final String ENDPOINTS = "webhook_endpoints";
    static final String DELIVERIES = "webhook_deliveries";
    static final String LEASE_OWNER = "leaseOwner";
    static final String LEASE_UNTIL = "leaseUntil";

    private WebhookDocuments() {
    }

    static MongoCollection<Document> endpoints(MongoTemplate mongo) {
        return mongo.getCollection(ENDPOINTS);
    }

    static MongoCollection<Document> deliveries(MongoTemplate mongo) {
        return mongo.getCollection(DELIVERIES);
    }

    static void ensureIndexes(MongoTemplate mongo) {
        endpoints(mongo).createIndex(Indexes.ascending("partnerId", "createdAt"), new IndexOptions().name("by_partner"));
        MongoCollection<Document> deliveries = deliveries(mongo);
        deliveries.createIndex(Indexes.ascending("status", "nextAttemptAt"), new IndexOptions().name("by_due_time"));
        // Every OnboardingCompleted and OnboardingFailed releases or abandons the customer's held deliveries.
        deliveries.createIndex(Indexes.ascending("partnerId", "customerId", "status"),
                new IndexOptions().name("held_by_customer"));
        // The retention sweep's query.
        deliveries.createIndex(Indexes.ascending("status", "retryFrom"), new IndexOptions().name("by_age"));
        deliveries.createIndex(Indexes.ascending("partnerId", "endpointId", "createdAt"),
                new IndexOptions().name("by_endpoint"));
    }
}
