package io.provisio.notification.email.web;

import java.time.Instant;

import io.provisio.notification.email.domain.Notification;

/** One e-mail as API.md shows it; the template model and delivery internals stay inside. */
record NotificationView(
        String id,
        String template,
        String to,
        String language,
        Instant sendAt,
        String status,
        Instant sentAt,
        int attempts,
        String lastError) {

    static NotificationView of(Notification notification) {
        return new NotificationView(notification.id(), notification.template().name(), notification.to(),
                notification.language().code(), notification.sendAt(), notification.status().publicStatus().name(),
                notification.sentAt(), notification.attempts(), notification.lastError());
    }
}
