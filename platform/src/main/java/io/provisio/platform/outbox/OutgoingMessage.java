package io.provisio.platform.outbox;

import io.provisio.platform.messaging.Envelope;

/**
 * A message to publish once the state change that caused it is durable.
 *
 * @param channel the logical channel (an exchange name without the deployment's namespace)
 */
public record OutgoingMessage(String channel, Envelope envelope) {
}
