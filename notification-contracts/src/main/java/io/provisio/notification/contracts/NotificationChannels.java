package io.provisio.notification.contracts;

/** Channels notification-service owns. */
public final class NotificationChannels {

    /** Commands to notification (SCHEDULE_WELCOME_EMAIL and its compensation). */
    public static final String COMMANDS = "notification-commands";

    private NotificationChannels() {
    }
}
