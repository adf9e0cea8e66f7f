package io.provisio.notification.contracts;

import io.provisio.messages.MessageTypes;

/**
 * The wire names of notification-service's messages (ADR 020), pinned by {@code contracts/message-types.json}.
 * Decode and name messages only through these registries, never through a string.
 */
public final class NotificationMessages {

    public static final MessageTypes<NotificationMessage> ALL = MessageTypes.of(NotificationMessage.class);

    /** On {@link NotificationChannels#COMMANDS}. */
    public static final MessageTypes<NotificationCommand> COMMANDS = MessageTypes.of(NotificationCommand.class);

    /** Notification's saga replies, on customer-service's {@code saga-replies}. */
    public static final MessageTypes<NotificationReply> REPLIES = MessageTypes.of(NotificationReply.class);

    private NotificationMessages() {
    }
}
