package io.provisio.notification.webhook.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.provisio.notification.webhook.domain.DeliveryAttempt;
import io.provisio.notification.webhook.domain.DeliveryStatus;
import io.provisio.notification.webhook.domain.EndpointStatus;
import io.provisio.notification.webhook.domain.WebhookDelivery;
import io.provisio.notification.webhook.domain.WebhookEndpoint;
import io.provisio.notification.webhook.domain.WebhookEventType;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Collections {@code webhook_endpoints} ({@code _id} {@code whe-…}) and {@code webhook_deliveries} ({@code _id}
 * {@code whd-…}, {@link WebhookDelivery#idOf}). Event types are stored by their wire names (an endpoint's unknown
 * ones are dropped on reading); a delivery's attempts are its {@code log}; while a dispatcher holds a delivery it
 * carries {@code leaseOwner} and {@code leaseUntil}.
 *
 * <p>The mapping and the indexes every store of the two collections shares; each store serves one use (endpoints,
 * the deliveries an event creates and the onboarding holds, the dispatcher's claims, queries).
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

    static Document document(WebhookEndpoint endpoint) {
        return new Document("_id", endpoint.id())
                .append("partnerId", endpoint.partnerId())
                .append("url", endpoint.url())
                .append("events", endpoint.events().stream().map(WebhookEventType::wireName).toList())
                .append("secret", endpoint.secret())
                .append("status", endpoint.status().name())
                .append("createdAt", date(endpoint.createdAt()));
    }

    static WebhookEndpoint toEndpoint(Document document) {
        Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
        for (String name : document.getList("events", String.class, List.of())) {
            WebhookEventType.ofWireName(name).ifPresent(events::add);
        }
        return new WebhookEndpoint(document.getString("_id"), document.getString("partnerId"),
                document.getString("url"), events, document.getString("secret"),
                EndpointStatus.valueOf(document.getString("status")), instant(document.getDate("createdAt")),
                instant(document.getDate("disabledAt")), document.getString("disabledReason"));
    }

    static Document document(WebhookDelivery delivery) {
        return new Document("_id", delivery.id())
                .append("partnerId", delivery.partnerId())
                .append("endpointId", delivery.endpointId())
                .append("customerId", delivery.customerId())
                .append("type", delivery.type().wireName())
                .append("body", delivery.body())
                .append("status", delivery.status().name())
                .append("attempts", delivery.attempts())
                .append("nextAttemptAt", date(delivery.nextAttemptAt()))
                .append("retryFrom", date(delivery.retryFrom()))
                .append("createdAt", date(delivery.createdAt()))
                .append("log", List.of());
    }

    /** One entry of a delivery's {@code log}; a missing status code or error is stored as {@code null}. */
    static Document document(DeliveryAttempt attempt) {
        return new Document("at", date(attempt.at())).append("statusCode", attempt.statusCode())
                .append("error", attempt.error()).append("durationMillis", attempt.durationMillis());
    }

    static WebhookDelivery toDelivery(Document document) {
        List<DeliveryAttempt> log = new ArrayList<>();
        for (Document attempt : document.getList("log", Document.class, List.of())) {
            Number duration = attempt.get("durationMillis", Number.class);
            log.add(new DeliveryAttempt(instant(attempt.getDate("at")), attempt.getInteger("statusCode"),
                    attempt.getString("error"), duration == null ? 0 : duration.longValue()));
        }
        return new WebhookDelivery(document.getString("_id"), document.getString("partnerId"),
                document.getString("endpointId"), document.getString("customerId"),
                WebhookEventType.ofWireName(document.getString("type")).orElseThrow(),
                document.getString("body"), DeliveryStatus.valueOf(document.getString("status")),
                document.getInteger("attempts", 0), instant(document.getDate("nextAttemptAt")),
                instant(document.getDate("retryFrom")), instant(document.getDate("createdAt")),
                instant(document.getDate("deliveredAt")), document.getString("lastError"), List.copyOf(log));
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
