package io.provisio.notification.contracts;

/** Notification's saga replies on {@code saga-replies}: one type per outcome. */
public sealed interface NotificationReply extends NotificationMessage
        permits WelcomeEmailScheduled, WelcomeEmailRejected, WelcomeEmailCancelled {
}
