package io.provisio.notification.webhook.domain;

import java.time.Instant;

/**
 * One try in a delivery's log.
 *
 * @param statusCode the receiver's HTTP status, null when none came (timeout, refused, blocked target)
 * @param error      why it did not count as delivered; null for a 2xx
 */
public record DeliveryAttempt(Instant at, Integer statusCode, String error, long durationMillis) {
}
