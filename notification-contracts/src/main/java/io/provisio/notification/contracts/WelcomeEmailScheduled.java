package io.provisio.notification.contracts;

import java.util.List;

public record WelcomeEmailScheduled(String customerId, List<String> notificationIds) implements NotificationReply {
}
