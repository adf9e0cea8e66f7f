package io.provisio.platform.messaging;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

/**
 * What travels on the broker: the routing and tracing facts around a contract payload.
 *
 * @param messageId   unique per message; a redelivery keeps it, a deliberate re-send of a stored reply too
 * @param type        the contract's simple name, e.g. {@code CreateAdministrator}
 * @param sagaId      the saga the message belongs to, or {@code null} for a plain domain event
 * @param step        the saga step the message acts on or answers, or {@code null}
 * @param causationId the message id this one answers or was caused by, or {@code null}
 * @param partnerId   the partner whose data the message touches; handlers scope every write by it
 * @param replyTo     where a command's reply goes (a logical channel), or {@code null}
 * @param occurredAt  when the message was created
 * @param traceparent W3C trace context of the span that wrote the message (a request's, or the handling of the
 *                    message that caused it), or {@code null}
 * @param payload     the contract record as JSON
 */
public record Envelope(
        String messageId,
        String type,
        String sagaId,
        String step,
        String causationId,
        String partnerId,
        String replyTo,
        Instant occurredAt,
        String traceparent,
        JsonNode payload) {

    /** The 32-hex trace id inside {@link #traceparent()}, or {@code null}. */
    public String traceId() {
        return MessageTracing.traceIdOf(traceparent);
    }

    /**
     * The partner the message acts for, which every handler that writes scopes its writes by.
     *
     * @throws MalformedMessageException when the message names no partner: it cannot be scoped, ever
     */
    public String requirePartner() {
        if (partnerId == null || partnerId.isBlank()) {
            throw new MalformedMessageException(type + " " + messageId + " without partner id");
        }
        return partnerId;
    }
}
