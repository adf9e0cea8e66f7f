package io.provisio.notification.contracts;

public record WelcomeEmailRejected(String code, String message) implements NotificationReply {
}
