package io.provisio.subscription.contracts;

import io.provisio.messages.MessageTypes;

/**
 * The wire names of subscription-service's messages (ADR 020), pinned by {@code contracts/message-types.json}.
 * Decode and name messages only through these registries, never through a string.
 */
public final class SubscriptionMessages {

    public static final MessageTypes<SubscriptionMessage> ALL = MessageTypes.of(SubscriptionMessage.class);

    /** On {@link SubscriptionChannels#COMMANDS}. */
    public static final MessageTypes<SubscriptionCommand> COMMANDS = MessageTypes.of(SubscriptionCommand.class);

    /** Subscription's saga replies, on customer-service's {@code saga-replies}. */
    public static final MessageTypes<SubscriptionReply> REPLIES = MessageTypes.of(SubscriptionReply.class);

    /** On {@link SubscriptionChannels#EVENTS}. */
    public static final MessageTypes<SubscriptionEvent> EVENTS = MessageTypes.of(SubscriptionEvent.class);

    private SubscriptionMessages() {
    }
}
