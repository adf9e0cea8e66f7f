package io.provisio.notification.webhook.persistence;

import java.time.Instant;
import java.util.List;

import io.provisio.notification.webhook.domain.DeliveryAttempt;
import io.provisio.notification.webhook.domain.DeliveryStatus;
import io.provisio.notification.webhook.domain.WebhookDelivery;
import io.provisio.notification.webhook.domain.WebhookEventType;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * A {@code webhook_deliveries} document as Spring Data maps it, field for field as stored (the id a string): the
 * event type by its wire name, instants as dates, a delivery without customer with {@code customerId: null};
 * {@code deliveredAt} and {@code lastError} only once the dispatcher or the onboarding's rollback set them; the
 * attempts are its {@code log}; the lease ({@code leaseOwner}, {@code leaseUntil}) only while a dispatcher holds it.
 */
record DeliveryDocument(
        @MongoId(FieldType.STRING) String id,
        String partnerId,
        String endpointId,
        @Field(write = Field.Write.ALWAYS) String customerId,
        String type,
        String body,
        DeliveryStatus status,
        int attempts,
        @Field(write = Field.Write.ALWAYS) Instant nextAttemptAt,
        @Field(write = Field.Write.ALWAYS) Instant retryFrom,
        @Field(write = Field.Write.ALWAYS) Instant createdAt,
        Instant deliveredAt,
        String lastError,
        List<AttemptDocument> log,
        String leaseOwner,
        Instant leaseUntil) {

    /** One entry of the {@code log}: a missing status code or error is stored as {@code null}. */
    record AttemptDocument(Instant at, @Field(write = Field.Write.ALWAYS) Integer statusCode,
                           @Field(write = Field.Write.ALWAYS) String error, long durationMillis) {

        static AttemptDocument of(DeliveryAttempt attempt) {
            return new AttemptDocument(attempt.at(), attempt.statusCode(), attempt.error(), attempt.durationMillis());
        }

        DeliveryAttempt attempt() {
            return new DeliveryAttempt(at, statusCode, error, durationMillis);
        }
    }

    /** A new delivery as an event creates it: nothing delivered, no error, an empty log. */
    static DeliveryDocument created(WebhookDelivery delivery) {
        return new DeliveryDocument(delivery.id(), delivery.partnerId(), delivery.endpointId(), delivery.customerId(),
                delivery.type().wireName(), delivery.body(), delivery.status(), delivery.attempts(),
                delivery.nextAttemptAt(), delivery.retryFrom(), delivery.createdAt(), null, null, List.of(), null,
                null);
    }

    WebhookDelivery delivery() {
        return new WebhookDelivery(id, partnerId, endpointId, customerId,
                WebhookEventType.ofWireName(type).orElseThrow(), body, status, attempts, nextAttemptAt, retryFrom,
                createdAt, deliveredAt, lastError,
                log == null ? List.of() : log.stream().map(AttemptDocument::attempt).toList());
    }
}
