package io.provisio.notification.webhook.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import io.provisio.notification.MutableClock;
import io.provisio.notification.RunningService;
import io.provisio.notification.webhook.domain.DeliveryAttempt;
import io.provisio.notification.webhook.domain.DeliveryStatus;
import io.provisio.notification.webhook.domain.EndpointStatus;
import io.provisio.notification.webhook.domain.WebhookDelivery;
import io.provisio.notification.webhook.domain.WebhookEndpoint;
import io.provisio.notification.webhook.domain.WebhookEventType;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code webhook_endpoints} and {@code webhook_deliveries} documents the stores write, read raw: field names,
 * event types and statuses by name, dates, the nulls the hand-built documents kept and the fields they left out, the
 * attempt {@code log}, no type hint ({@code _class}); and endpoints and deliveries read back whole. Deliveries are due
 * in a year, so the running dispatcher leaves them alone; a claim is taken by hand as its find-and-modify would.
 */
class WebhookStoredShapeIT extends RunningService {

    private static final String SECRET = "whsec_c2hhcGUtc2VjcmV0LW5ldmVyLWxvZ2dlZA";

    @Autowired
    MongoTemplate mongo;
    @Autowired
    MutableClock clock;
    @Autowired
    EndpointStore endpoints;
    @Autowired
    DeliveryStore deliveries;
    @Autowired
    DeliveryClaims claims;
    @Autowired
    DeliveryQueries queries;

    @Test
    void anEndpointIsStoredAsTheHandBuiltDocumentWasAndReadBackWhole() {
        Instant now = Instant.parse("2026-04-01T09:30:00.500Z");
        String partnerId = "p-" + UUID.randomUUID();
        WebhookEndpoint endpoint = new WebhookEndpoint("whe-" + UUID.randomUUID(), partnerId,
                "https://hooks.example.se/provisio", EnumSet.of(WebhookEventType.ONBOARDING_COMPLETED,
                WebhookEventType.CUSTOMER_SUSPENDED), SECRET, EndpointStatus.ENABLED, now, null, null);
        endpoints.insert(endpoint);

        Document stored = raw(WebhookDocuments.ENDPOINTS, endpoint.id());
        assertThat(stored.keySet()).containsExactly("_id", "partnerId", "url", "events", "secret", "status",
                "createdAt");
        assertThat(stored).containsEntry("partnerId", partnerId).containsEntry("url", "https://hooks.example.se/provisio")
                .containsEntry("events", List.of("onboarding.completed", "customer.suspended"))
                .containsEntry("secret", SECRET).containsEntry("status", "ENABLED")
                .containsEntry("createdAt", Date.from(now));
        assertThat(endpoints.endpoint(partnerId, endpoint.id())).contains(endpoint);
        assertThat(endpoints.endpoint(partnerId, endpoint.id()).orElseThrow().toString()).doesNotContain(SECRET);
        assertThat(endpoints.endpoint("p-other", endpoint.id())).as("another partner's").isEmpty();

        // An event type this version does not know (a newer one's, or one retired) is dropped on reading.
        mongo.getCollection(WebhookDocuments.ENDPOINTS).updateOne(new Document("_id", endpoint.id()),
                new Document("$push", new Document("events", "no.such.event")));
        assertThat(endpoints.endpoint(endpoint.id()).orElseThrow().events())
                .containsExactlyInAnyOrder(WebhookEventType.ONBOARDING_COMPLETED, WebhookEventType.CUSTOMER_SUSPENDED);

        Instant disabledAt = now.plusSeconds(3600);
        assertThat(endpoints.disable(endpoint.id(), "failed for 3 days", disabledAt)).isTrue();
        assertThat(endpoints.disable(endpoint.id(), "again", disabledAt)).as("once").isFalse();
        stored = raw(WebhookDocuments.ENDPOINTS, endpoint.id());
        assertThat(stored).containsEntry("status", "DISABLED").containsEntry("disabledAt", Date.from(disabledAt))
                .containsEntry("disabledReason", "failed for 3 days");
        WebhookEndpoint disabled = new WebhookEndpoint(endpoint.id(), partnerId, endpoint.url(), endpoint.events(),
                SECRET, EndpointStatus.DISABLED, now, disabledAt, "failed for 3 days");
        assertThat(endpoints.endpoints(partnerId)).containsExactly(disabled);
        assertThat(mongo.getCollection(WebhookDocuments.ENDPOINTS).countDocuments(new Document("_class",
                new Document("$exists", true)))).as("no type hints").isZero();

        assertThat(endpoints.delete("p-other", endpoint.id())).isFalse();
        assertThat(endpoints.delete(partnerId, endpoint.id())).isTrue();
        assertThat(endpoints.endpoint(endpoint.id())).isEmpty();
    }

    @Test
    void aDeliveryIsStoredAsTheHandBuiltDocumentWasItsLogGrowsAndItIsReadBackWhole() {
        Instant now = clock.instant().plus(Duration.ofDays(365));
        String partnerId = "p-" + UUID.randomUUID();
        String customerId = "cus-" + UUID.randomUUID();
        String endpointId = "whe-" + UUID.randomUUID();
        String body = "{\"type\":\"onboarding.completed\",\"timestamp\":\"" + now + "\",\"data\":{}}";
        WebhookDelivery delivery = new WebhookDelivery(WebhookDelivery.idOf(UUID.randomUUID().toString(), endpointId),
                partnerId, endpointId, customerId, WebhookEventType.ONBOARDING_COMPLETED, body, DeliveryStatus.HELD, 0,
                now, now, now, null, null, List.of());

        assertThat(deliveries.insertIfAbsent(delivery)).isTrue();
        assertThat(deliveries.insertIfAbsent(delivery)).as("a redelivered event").isFalse();

        Document stored = raw(WebhookDocuments.DELIVERIES, delivery.id());
        assertThat(stored.keySet()).containsExactly("_id", "partnerId", "endpointId", "customerId", "type", "body",
                "status", "attempts", "nextAttemptAt", "retryFrom", "createdAt", "log");
        assertThat(stored).containsEntry("partnerId", partnerId).containsEntry("endpointId", endpointId)
                .containsEntry("customerId", customerId).containsEntry("type", "onboarding.completed")
                .containsEntry("body", body).containsEntry("status", "HELD").containsEntry("attempts", 0)
                .containsEntry("nextAttemptAt", Date.from(now)).containsEntry("retryFrom", Date.from(now))
                .containsEntry("createdAt", Date.from(now)).containsEntry("log", List.of());
        assertThat(queries.delivery(partnerId, endpointId, delivery.id())).contains(delivery);

        Instant released = now.plusSeconds(10);
        assertThat(deliveries.releaseHeld(partnerId, customerId, released)).isEqualTo(1);
        assertThat(deliveries.releaseHeld(partnerId, customerId, released)).as("a repeat").isZero();
        assertThat(raw(WebhookDocuments.DELIVERIES, delivery.id())).containsEntry("status", "PENDING")
                .containsEntry("nextAttemptAt", Date.from(released)).containsEntry("retryFrom", Date.from(released));

        claimByHand(delivery.id(), "dispatcher-1", now);
        DeliveryAttempt timeout = new DeliveryAttempt(released.plusSeconds(1), null, "timed out after 2s", 2001);
        Instant retryAt = released.plusSeconds(60);
        assertThat(claims.markRetry(delivery.id(), "dispatcher-1", timeout, retryAt)).isTrue();
        assertThat(claims.markRetry(delivery.id(), "dispatcher-1", timeout, retryAt)).as("claim gone").isFalse();
        stored = raw(WebhookDocuments.DELIVERIES, delivery.id());
        assertThat(stored).doesNotContainKeys("leaseOwner", "leaseUntil").containsEntry("status", "PENDING")
                .containsEntry("attempts", 1).containsEntry("nextAttemptAt", Date.from(retryAt))
                .containsEntry("lastError", "timed out after 2s");
        assertThat(stored.getList("log", Document.class)).containsExactly(new Document("at",
                Date.from(timeout.at())).append("statusCode", null).append("error", "timed out after 2s")
                .append("durationMillis", 2001L));

        claimByHand(delivery.id(), "dispatcher-2", now);
        DeliveryAttempt ok = new DeliveryAttempt(retryAt.plusSeconds(1), 204, null, 35);
        assertThat(claims.markDelivered(delivery.id(), "dispatcher-2", ok)).isTrue();
        stored = raw(WebhookDocuments.DELIVERIES, delivery.id());
        assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "partnerId", "endpointId", "customerId", "type",
                "body", "status", "attempts", "nextAttemptAt", "retryFrom", "createdAt", "log", "deliveredAt",
                "lastError");
        assertThat(stored).containsEntry("status", "DELIVERED").containsEntry("attempts", 2)
                .containsEntry("deliveredAt", Date.from(ok.at())).containsEntry("lastError", null);
        assertThat(stored.getList("log", Document.class).getLast()).isEqualTo(new Document("at", Date.from(ok.at()))
                .append("statusCode", 204).append("error", null).append("durationMillis", 35L));

        WebhookDelivery delivered = new WebhookDelivery(delivery.id(), partnerId, endpointId, customerId,
                WebhookEventType.ONBOARDING_COMPLETED, body, DeliveryStatus.DELIVERED, 2, retryAt, released, now,
                ok.at(), null, List.of(timeout, ok));
        assertThat(queries.delivery(delivery.id())).contains(delivered);
        assertThat(queries.deliveries(partnerId, endpointId, 0, 10)).containsExactly(delivered);
        assertThat(queries.countDeliveries(partnerId, endpointId)).isEqualTo(1);
        assertThat(queries.delivery("p-other", endpointId, delivery.id())).as("another partner's").isEmpty();

        Instant redelivered = now.plusSeconds(600);
        assertThat(deliveries.redeliver(partnerId, endpointId, delivery.id(), redelivered)).isTrue();
        assertThat(raw(WebhookDocuments.DELIVERIES, delivery.id())).containsEntry("status", "PENDING")
                .containsEntry("attempts", 0).containsEntry("nextAttemptAt", Date.from(redelivered))
                .containsEntry("retryFrom", Date.from(redelivered));

        claimByHand(delivery.id(), "dispatcher-3", now);
        assertThat(claims.markFailed(delivery.id(), "dispatcher-3", "endpoint deleted", null)).isTrue();
        stored = raw(WebhookDocuments.DELIVERIES, delivery.id());
        assertThat(stored).containsEntry("status", "FAILED").containsEntry("attempts", 0)
                .containsEntry("lastError", "endpoint deleted").doesNotContainKeys("leaseOwner", "leaseUntil");
        assertThat(stored.getList("log", Document.class)).as("no attempt made").hasSize(2);
        assertThat(mongo.getCollection(WebhookDocuments.DELIVERIES).countDocuments(new Document("_class",
                new Document("$exists", true)))).as("no type hints").isZero();
        assertThat(mongo.getCollection(WebhookDocuments.DELIVERIES).countDocuments(new Document("log._class",
                new Document("$exists", true)))).as("no type hints in the log").isZero();
    }

    @Test
    void aDeliveryWithoutCustomerKeepsItsNullAndAnAbandonedOneItsReason() {
        Instant now = clock.instant().plus(Duration.ofDays(365));
        String partnerId = "p-" + UUID.randomUUID();
        String customerId = "cus-" + UUID.randomUUID();
        WebhookDelivery noCustomer = new WebhookDelivery("whd-" + UUID.randomUUID(), partnerId, "whe-shape", null,
                WebhookEventType.SETUP_ESCALATED, "{}", DeliveryStatus.HELD, 0, now, now, now, null, null, List.of());
        WebhookDelivery held = new WebhookDelivery("whd-" + UUID.randomUUID(), partnerId, "whe-shape", customerId,
                WebhookEventType.ONBOARDING_FAILED, "{}", DeliveryStatus.HELD, 0, now, now, now, null, null, List.of());
        deliveries.insertIfAbsent(noCustomer);
        deliveries.insertIfAbsent(held);
        assertThat(raw(WebhookDocuments.DELIVERIES, noCustomer.id())).containsEntry("customerId", null)
                .containsEntry("type", "setup.escalated");

        assertThat(deliveries.abandonHeld(partnerId, customerId)).isEqualTo(1);
        assertThat(raw(WebhookDocuments.DELIVERIES, held.id())).containsEntry("status", "ABANDONED")
                .containsEntry("lastError", "onboarding rolled back; never sent");
        assertThat(deliveries.redeliver(partnerId, "whe-shape", held.id(), now)).as("never sent").isFalse();
        assertThat(queries.delivery(held.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.ABANDONED);
        assertThat(queries.deliveries(partnerId, "whe-shape", 0, 10)).extracting(WebhookDelivery::id)
                .containsExactlyInAnyOrder(noCustomer.id(), held.id());
        assertThat(queries.delivery(noCustomer.id())).contains(noCustomer);
        assertThat(queries.delivery(held.id()).orElseThrow().lastError())
                .isEqualTo("onboarding rolled back; never sent");
    }

    @Test
    void idsThatReadAsObjectIdHexStayStrings() {
        Instant now = clock.instant().plus(Duration.ofDays(365));
        String partnerId = "p-" + UUID.randomUUID();
        WebhookEndpoint endpoint = new WebhookEndpoint(new ObjectId().toHexString(), partnerId,
                "https://hooks.example.se", EnumSet.of(WebhookEventType.CUSTOMER_RESUMED), SECRET, EndpointStatus.ENABLED, now, null, null);
        WebhookDelivery delivery = new WebhookDelivery(new ObjectId().toHexString(), partnerId, endpoint.id(), null,
                WebhookEventType.CUSTOMER_RESUMED, "{}", DeliveryStatus.HELD, 0, now, now, now, null, null, List.of());
        endpoints.insert(endpoint);
        deliveries.insertIfAbsent(delivery);

        assertThat(raw(WebhookDocuments.ENDPOINTS, endpoint.id())).containsEntry("_id", endpoint.id());
        assertThat(raw(WebhookDocuments.DELIVERIES, delivery.id())).containsEntry("_id", delivery.id());
        assertThat(endpoints.endpoint(partnerId, endpoint.id())).contains(endpoint);
        assertThat(queries.delivery(delivery.id())).contains(delivery);
    }

    private void claimByHand(String id, String owner, Instant now) {
        mongo.getCollection(WebhookDocuments.DELIVERIES).updateOne(new Document("_id", id),
                new Document("$set", new Document("status", "SENDING").append("leaseOwner", owner)
                        .append("leaseUntil", Date.from(now.plus(Duration.ofMinutes(5))))));
    }

    private Document raw(String collection, String id) {
        return mongo.getCollection(collection).find(new Document("_id", id)).first();
    }
}
