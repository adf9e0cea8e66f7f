package io.provisio.notification.contracts;

/** Compensates SCHEDULE_WELCOME_EMAIL: cancel what is not sent yet. */
public record CancelWelcomeEmail(String customerId) implements NotificationCommand {
}
