package io.provisio.notification.webhook.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import io.provisio.notification.webhook.domain.DeliveryAttempt;
import io.provisio.notification.webhook.domain.DeliveryStatus;
import io.provisio.notification.webhook.domain.EndpointStatus;
import io.provisio.notification.webhook.domain.WebhookDelivery;
import io.provisio.notification.webhook.domain.WebhookEndpoint;
import io.provisio.notification.webhook.domain.WebhookEventType;
import io.provisio.platform.mongo.MongoWrites;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.lte;

/**
 * Endpoints ({@code webhook_endpoints}) and deliveries ({@code webhook_deliveries}). Every partner-facing read is
 * scoped by the partner id; the dispatcher's writes are conditional on its claim ({@code leaseOwner}, SENDING), as
 * for e-mails, so a replica whose lease expired records nothing.
 */
public class WebhookStore {

    static final String ENDPOINTS = "webhook_endpoints";
    static final String DELIVERIES = "webhook_deliveries";

    private final MongoTemplate mongo;

    public WebhookStore(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public void ensureIndexes() {
        endpoints().createIndex(Indexes.ascending("partnerId", "createdAt"), new IndexOptions().name("by_partner"));
        deliveries().createIndex(Indexes.ascending("status", "nextAttemptAt"), new IndexOptions().name("by_due_time"));
        // Every OnboardingCompleted and OnboardingFailed releases or abandons the customer's held deliveries.
        deliveries().createIndex(Indexes.ascending("partnerId", "customerId", "status"),
                new IndexOptions().name("held_by_customer"));
        // The retention sweep's query.
        deliveries().createIndex(Indexes.ascending("status", "retryFrom"), new IndexOptions().name("by_age"));
        deliveries().createIndex(Indexes.ascending("partnerId", "endpointId", "createdAt"),
                new IndexOptions().name("by_endpoint"));
    }

    // --- endpoints ---

    public void insert(WebhookEndpoint endpoint) {
        endpoints().insertOne(new Document("_id", endpoint.id())
                .append("partnerId", endpoint.partnerId())
                .append("url", endpoint.url())
                .append("events", endpoint.events().stream().map(WebhookEventType::wireName).toList())
                .append("secret", endpoint.secret())
                .append("status", endpoint.status().name())
                .append("createdAt", date(endpoint.createdAt())));
    }

    public Optional<WebhookEndpoint> endpoint(String partnerId, String id) {
        return Optional.ofNullable(endpoints().find(and(eq("_id", id), eq("partnerId", partnerId))).first())
                .map(WebhookStore::toEndpoint);
    }

    /** The endpoint a delivery is for, whoever's it is: the dispatcher's look-up. */
    public Optional<WebhookEndpoint> endpoint(String id) {
        return Optional.ofNullable(endpoints().find(eq("_id", id)).first()).map(WebhookStore::toEndpoint);
    }

    public List<WebhookEndpoint> endpoints(String partnerId) {
        List<WebhookEndpoint> found = new ArrayList<>();
        endpoints().find(eq("partnerId", partnerId)).sort(Sorts.ascending("createdAt"))
                .forEach(document -> found.add(toEndpoint(document)));
        return found;
    }

    public boolean delete(String partnerId, String id) {
        return endpoints().deleteOne(and(eq("_id", id), eq("partnerId", partnerId))).getDeletedCount() == 1;
    }

    /** @return true for the call that disabled it (once), false when it was disabled or deleted already */
    public boolean disable(String id, String reason, Instant now) {
        return endpoints().updateOne(and(eq("_id", id), eq("status", EndpointStatus.ENABLED.name())),
                new Document("$set", new Document("status", EndpointStatus.DISABLED.name())
                        .append("disabledAt", date(now)).append("disabledReason", reason))).getModifiedCount() == 1;
    }

    public long countDisabled() {
        return endpoints().countDocuments(eq("status", EndpointStatus.DISABLED.name()));
    }

    // --- deliveries ---

    /** @return false when the delivery exists already (the source event was redelivered) */
    public boolean insertIfAbsent(WebhookDelivery delivery) {
        return MongoWrites.insertIfAbsent(deliveries(), new Document("_id", delivery.id())
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
                .append("log", List.of()));
    }

    public Optional<WebhookDelivery> delivery(String partnerId, String endpointId, String id) {
        return Optional.ofNullable(deliveries().find(and(eq("_id", id), eq("partnerId", partnerId),
                eq("endpointId", endpointId))).first()).map(WebhookStore::toDelivery);
    }

    public Optional<WebhookDelivery> delivery(String id) {
        return Optional.ofNullable(deliveries().find(eq("_id", id)).first()).map(WebhookStore::toDelivery);
    }

    /** The endpoint's deliveries, newest first. */
    public List<WebhookDelivery> deliveries(String partnerId, String endpointId, int page, int size) {
        List<WebhookDelivery> found = new ArrayList<>();
        deliveries().find(and(eq("partnerId", partnerId), eq("endpointId", endpointId)))
                .sort(Sorts.descending("createdAt")).skip(page * size).limit(size)
                .forEach(document -> found.add(toDelivery(document)));
        return found;
    }

    public long countDeliveries(String partnerId, String endpointId) {
        return deliveries().countDocuments(and(eq("partnerId", partnerId), eq("endpointId", endpointId)));
    }

    /** Claims one due delivery (or one whose claim expired), oldest due first; see DispatchClaims.claimNextDue. */
    public Optional<WebhookDelivery> claimNextDue(Instant now, Duration lease, String owner) {
        Document claim = new Document("$set", new Document("status", DeliveryStatus.SENDING.name())
                .append("leaseUntil", date(now.plus(lease))).append("leaseOwner", owner));
        FindOneAndUpdateOptions firstDue = new FindOneAndUpdateOptions().sort(Sorts.ascending("nextAttemptAt"))
                .returnDocument(ReturnDocument.AFTER);
        Document claimed = deliveries().findOneAndUpdate(
                and(eq("status", DeliveryStatus.PENDING.name()), lte("nextAttemptAt", date(now))), claim, firstDue);
        if (claimed == null) {
            claimed = deliveries().findOneAndUpdate(
                    and(eq("status", DeliveryStatus.SENDING.name()), lt("leaseUntil", date(now))), claim, firstDue);
        }
        return Optional.ofNullable(claimed).map(WebhookStore::toDelivery);
    }

    /**
     * The retention sweep: deletes finished deliveries (DELIVERED, FAILED, ABANDONED) whose last retry window started
     * before {@code cutoff}. Open ones (HELD, PENDING, SENDING) stay whatever their age.
     *
     * @return how many were deleted
     */
    public long deleteFinishedBefore(Instant cutoff) {
        return deliveries().deleteMany(and(in("status", List.of(DeliveryStatus.DELIVERED.name(),
                DeliveryStatus.FAILED.name(), DeliveryStatus.ABANDONED.name())), lt("retryFrom", date(cutoff))))
                .getDeletedCount();
    }

    /** The customer's onboarding completed: its held deliveries are due now, each with a fresh retry window. */
    public long releaseHeld(String partnerId, String customerId, Instant now) {
        return deliveries().updateMany(and(eq("partnerId", partnerId), eq("customerId", customerId),
                        eq("status", DeliveryStatus.HELD.name())),
                new Document("$set", new Document("status", DeliveryStatus.PENDING.name())
                        .append("nextAttemptAt", date(now)).append("retryFrom", date(now)))).getModifiedCount();
    }

    /** The customer's onboarding was rolled back: what it held never leaves. */
    public long abandonHeld(String partnerId, String customerId) {
        return deliveries().updateMany(and(eq("partnerId", partnerId), eq("customerId", customerId),
                        eq("status", DeliveryStatus.HELD.name())),
                new Document("$set", new Document("status", DeliveryStatus.ABANDONED.name())
                        .append("lastError", "onboarding rolled back; never sent"))).getModifiedCount();
    }

    public boolean markDelivered(String id, String owner, DeliveryAttempt attempt) {
        return finish(id, owner, new Document("status", DeliveryStatus.DELIVERED.name())
                .append("deliveredAt", date(attempt.at())).append("lastError", null), attempt, true);
    }

    public boolean markRetry(String id, String owner, DeliveryAttempt attempt, Instant nextAttemptAt) {
        return finish(id, owner, new Document("status", DeliveryStatus.PENDING.name())
                .append("nextAttemptAt", date(nextAttemptAt)).append("lastError", attempt.error()), attempt, true);
    }

    /** @param attempt the last attempt, or null when none was made (the endpoint was gone or disabled) */
    public boolean markFailed(String id, String owner, String error, DeliveryAttempt attempt) {
        return finish(id, owner, new Document("status", DeliveryStatus.FAILED.name()).append("lastError", error),
                attempt, attempt != null);
    }

    private boolean finish(String id, String owner, Document set, DeliveryAttempt attempt, boolean counted) {
        Document update = new Document("$set", set).append("$unset", new Document("leaseUntil", "").append("leaseOwner", ""));
        if (attempt != null) {
            update.append("$push", new Document("log", new Document("at", date(attempt.at()))
                    .append("statusCode", attempt.statusCode()).append("error", attempt.error())
                    .append("durationMillis", attempt.durationMillis())));
        }
        if (counted) {
            update.append("$inc", new Document("attempts", 1));
        }
        return deliveries().updateOne(and(eq("_id", id), eq("leaseOwner", owner),
                eq("status", DeliveryStatus.SENDING.name())), update).getModifiedCount() == 1;
    }

    /**
     * A partner's redeliver: the delivery is due now with a fresh retry window, unless a dispatcher holds it right
     * now (SENDING), it still waits for its onboarding (HELD) or its onboarding was rolled back (ABANDONED).
     *
     * @return false when it is in one of those states
     */
    public boolean redeliver(String partnerId, String endpointId, String id, Instant now) {
        return deliveries().updateOne(and(eq("_id", id), eq("partnerId", partnerId), eq("endpointId", endpointId),
                        in("status", List.of(DeliveryStatus.PENDING.name(),
                                DeliveryStatus.DELIVERED.name(), DeliveryStatus.FAILED.name()))),
                new Document("$set", new Document("status", DeliveryStatus.PENDING.name())
                        .append("nextAttemptAt", date(now)).append("retryFrom", date(now)).append("attempts", 0)))
                .getModifiedCount() == 1;
    }

    private MongoCollection<Document> endpoints() {
        return mongo.getCollection(ENDPOINTS);
    }

    private MongoCollection<Document> deliveries() {
        return mongo.getCollection(DELIVERIES);
    }

    private static WebhookEndpoint toEndpoint(Document document) {
        Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
        for (String name : document.getList("events", String.class, List.of())) {
            WebhookEventType.ofWireName(name).ifPresent(events::add);
        }
        return new WebhookEndpoint(document.getString("_id"), document.getString("partnerId"),
                document.getString("url"), events, document.getString("secret"),
                EndpointStatus.valueOf(document.getString("status")), instant(document.getDate("createdAt")),
                instant(document.getDate("disabledAt")), document.getString("disabledReason"));
    }

    private static WebhookDelivery toDelivery(Document document) {
        List<DeliveryAttempt> log = new ArrayList<>();
        for (Document attempt : document.getList("log", Document.class, List.of())) {
            Number duration = attempt.get("durationMillis", Number.class);
            log.add(new DeliveryAttempt(instant(attempt.getDate("at")), attempt.getInteger("statusCode"),
                    attempt.getString("error"), duration == null ? 0 : duration.longValue()));
        }
        return new WebhookDelivery(document.getString("_id"), document.getString("partnerId"),
                document.getString("endpointId"), document.getString("customerId"), WebhookEventType.ofWireName(document.getString("type")).orElseThrow(),
                document.getString("body"), DeliveryStatus.valueOf(document.getString("status")),
                document.getInteger("attempts", 0), instant(document.getDate("nextAttemptAt")),
                instant(document.getDate("retryFrom")), instant(document.getDate("createdAt")),
                instant(document.getDate("deliveredAt")), document.getString("lastError"), List.copyOf(log));
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
