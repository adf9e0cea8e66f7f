package io.provisio.platform.outbox;

import io.provisio.platform.messaging.Envelope;

/**
 * A message to publish once the state change that caused it is durable.
 *
 * @param channel the logical channel (an exchange name without the deployment's namespace)
 * @param routing whether a queue must take it (see {@link Routing})
 */
public record OutgoingMessage(String channel, Envelope envelope, Routing routing) {

    /** A command or a saga reply: its consumer's queue must take it, or it is tried again. */
    public static OutgoingMessage toConsumer(String channel, Envelope envelope) {
        return new OutgoingMessage(channel, envelope, Routing.REQUIRED);
    }

    /** A domain event: published for whoever subscribes, maybe nobody. */
    public static OutgoingMessage toSubscribers(String channel, Envelope envelope) {
        return new OutgoingMessage(channel, envelope, Routing.OPTIONAL);
    }
}
