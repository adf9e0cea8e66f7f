package io.provisio.notification.contracts;

/** Everything notification-service is sent or answers (ADR 020). */
public sealed interface NotificationMessage
        permits NotificationCommand, NotificationReply {
}
