package io.provisio.identity.contracts;

import io.provisio.messages.MessageTypes;

/**
 * The wire names of identity-service's messages (ADR 020), pinned by {@code contracts/message-types.json}.
 * Decode and name messages only through these registries, never through a string.
 */
public final class IdentityMessages {

    public static final MessageTypes<IdentityMessage> ALL = MessageTypes.of(IdentityMessage.class);

    /** On {@link IdentityChannels#COMMANDS}. */
    public static final MessageTypes<IdentityCommand> COMMANDS = MessageTypes.of(IdentityCommand.class);

    /** Identity's saga replies, on customer-service's {@code saga-replies}. */
    public static final MessageTypes<IdentityReply> REPLIES = MessageTypes.of(IdentityReply.class);

    /** On {@link IdentityChannels#EVENTS}. */
    public static final MessageTypes<IdentityEvent> EVENTS = MessageTypes.of(IdentityEvent.class);

    private IdentityMessages() {
    }
}
