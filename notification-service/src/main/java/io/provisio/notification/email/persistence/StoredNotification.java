package io.provisio.notification.email.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.provisio.notification.email.domain.HistoryEntry;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * Every field a {@code notifications} document stores, as Spring Data maps it: the {@link Notification} aggregate's
 * components and the store's own ({@code leaseOwner}, {@code leaseUntil}, {@code heldFor},
 * {@code activationExpiresAt}). The stores map their queries and updates through it and read it: Spring Data looks
 * every field a query or update names up in the mapped type, and a field the type does not declare fails that look-up
 * with an exception on every call, which cost the saga path more CPU than the mapping itself. A look-up that needs one
 * field reads a projection of it, the other components {@code null}.
 */
record StoredNotification(
        @MongoId(FieldType.STRING) String id,
        String partnerId,
        String customerId,
        String sagaId,
        String userId,
        Template template,
        String to,
        Language language,
        Map<String, Object> model,
        Instant sendAt,
        NotificationStatus status,
        Integer attempts,
        String lastError,
        Instant sentAt,
        Instant createdAt,
        String activationToken,
        String resentFrom,
        List<HistoryEntry> history,
        String leaseOwner,
        Instant leaseUntil,
        String heldFor,
        Instant activationExpiresAt) {

    Notification notification() {
        return new Notification(id, partnerId, customerId, sagaId, userId, template, to, language, model, sendAt,
                status, attempts == null ? 0 : attempts, lastError, sentAt, createdAt, activationToken, resentFrom,
                history);
    }

    /** Never prints the token nor the recipient. */
    @Override
    public String toString() {
        return "StoredNotification[id=" + id + ", template=" + template + ", status=" + status + ", sendAt=" + sendAt
                + "]";
    }
}
