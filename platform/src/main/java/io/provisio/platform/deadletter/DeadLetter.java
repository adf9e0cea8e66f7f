package io.provisio.platform.deadletter;

import java.time.Instant;

/**
 * A message in a dead-letter queue, as an operator needs to judge it. The payload is left out: it may carry
 * personal data, and the type, ids and reason are what decide whether a redrive can succeed.
 *
 * @param messageId          the envelope's message id (the AMQP {@code message-id} for a message that is no envelope)
 * @param type               the contract type, e.g. {@code UserDeleted}
 * @param sagaId             the saga it belongs to, or {@code null} for a domain event
 * @param step               the saga step, or {@code null}
 * @param partnerId          the partner whose data it touches
 * @param occurredAt         when it was created
 * @param reason             why it was dead-lettered the last time: the consumer's exception message, or the
 *                           broker's reason ({@code rejected}, {@code expired}, {@code delivery_limit})
 * @param deadLetterCount    how often it has been dead-lettered, redrives included
 * @param originalExchange   the exchange it was first published to, when the binder recorded it
 * @param originalRoutingKey its routing key there
 * @param malformed          whether the body is not an envelope at all (a redrive cannot help)
 */
public record DeadLetter(
        String messageId,
        String type,
        String sagaId,
        String step,
        String partnerId,
        Instant occurredAt,
        String reason,
        long deadLetterCount,
        String originalExchange,
        String originalRoutingKey,
        boolean malformed) {
}
