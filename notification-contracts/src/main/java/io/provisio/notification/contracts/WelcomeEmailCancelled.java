package io.provisio.notification.contracts;

/** @param cancelled how many unsent e-mails were cancelled */
public record WelcomeEmailCancelled(String customerId, int cancelled) implements NotificationReply {
}
