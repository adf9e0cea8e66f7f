package io.provisio.notification.webhook.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One event for one endpoint. Its id is the {@code webhook-id} of every attempt, so a receiver can drop repeats;
 * it derives from the source message's id and the endpoint's, so a redelivered source event finds it.
 *
 * @param customerId  the customer the event is about, if any: held deliveries are released or abandoned by it
 * @param body        the exact JSON sent and signed, {@code {type, timestamp, data}}, fixed when the event arrived
 * @param retryFrom   the start of the current retry window (creation, or a partner's redeliver)
 * @param attempts    attempts since {@code retryFrom}; the back-off grows with them
 */
public record WebhookDelivery(String id, String partnerId, String endpointId, String customerId, WebhookEventType type,
                              String body,
                              DeliveryStatus status, int attempts, Instant nextAttemptAt, Instant retryFrom,
                              Instant createdAt, Instant deliveredAt, String lastError, List<DeliveryAttempt> log) {

    public static String idOf(String sourceMessageId, String endpointId) {
        return "whd-" + UUID.nameUUIDFromBytes((sourceMessageId + "/" + endpointId).getBytes(StandardCharsets.UTF_8));
    }
}
