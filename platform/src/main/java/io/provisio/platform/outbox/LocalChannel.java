package io.provisio.platform.outbox;

import java.util.function.Consumer;

import io.provisio.platform.messaging.Envelope;

/**
 * A channel this process consumes itself, e.g. customer-service's own commands and the saga replies
 * its own participant sends. The {@link OutboxPublisher} hands such a message straight to {@code handler}
 * instead of a round trip through the broker, and takes it out of the outbox once the handler returned.
 * If the handler fails or the process dies first, the entry stays and the relay publishes it to the
 * broker, where the service's ordinary consumer (with its retries and dead-lettering) takes it: the
 * handler must be that consumer's, idempotent like it.
 */
public record LocalChannel(String channel, Consumer<Envelope> handler) {
}
