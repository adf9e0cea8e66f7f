package io.provisio.notification.email.web;

import java.time.Instant;
import java.util.List;

import io.provisio.notification.email.domain.HistoryEntry;
import io.provisio.notification.email.domain.Notification;

/** One e-mail with its history, as {@code GET .../notifications/{id}} shows it; never the token or the model. */
record NotificationDetails(
        String id,
        String template,
        String to,
        String language,
        Instant sendAt,
        String status,
        Instant sentAt,
        int attempts,
        String lastError,
        Instant createdAt,
        String resentFrom,
        List<HistoryEntry> history) {

    static NotificationDetails of(Notification notification) {
        return new NotificationDetails(notification.id(), notification.template().name(), notification.to(),
                notification.language().code(), notification.sendAt(), notification.status().publicStatus().name(),
                notification.sentAt(), notification.attempts(), notification.lastError(), notification.createdAt(),
                notification.resentFrom(), notification.history());
    }
}
