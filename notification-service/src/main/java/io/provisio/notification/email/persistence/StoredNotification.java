package io.provisio.notification.email.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.provisio.notification.email.domain.HistoryEntry;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;
import org.springframework.data.mongodb.core.mapping.Field;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

/**
 * Every field a {@code notifications} document stores, as Spring Data maps it: the {@link Notification} aggregate's
 * components and the store's own ({@code leaseOwner}, {@code leaseUntil}, {@code heldFor},
 * {@code activationExpiresAt}). New e-mails are written from it, and the stores map their queries and updates through
 * it and read it: Spring Data looks every field a query or update names up in the mapped type, and a field the type
 * does not declare fails that look-up with an exception on every call, which cost the saga path more CPU than the
 * mapping itself. A look-up that needs one field reads a projection of it, the other components {@code null}.
 */
record StoredNotification(
        @MongoId(FieldType.STRING) String id,
        String partnerId,
        String customerId,
        @Field(write = Field.Write.ALWAYS) String sagaId,
        @Field(write = Field.Write.ALWAYS) String userId,
        Template template,
        @Field(write = Field.Write.ALWAYS) String to,
        Language language,
        Map<String, Object> model,
        Instant sendAt,
        NotificationStatus status,
        Integer attempts,
        @Field(write = Field.Write.ALWAYS) String lastError,
        @Field(write = Field.Write.ALWAYS) Instant sentAt,
        Instant createdAt,
        String activationToken,
        @Field(write = Field.Write.ALWAYS) String resentFrom,
        List<HistoryEntry> history,
        String leaseOwner,
        Instant leaseUntil,
        String heldFor,
        Instant activationExpiresAt) {

    /**
     * A new e-mail as stored: the aggregate, its history begun with its creation, the token only while it has one, an
     * ACTIVATION link's expiry as a date, and the fields it may lack written as {@code null}, as they always were.
     */
    static StoredNotification created(Notification n, String by, String detail) {
        return new StoredNotification(n.id(), n.partnerId(), n.customerId(), n.sagaId(), n.userId(), n.template(),
                n.to(), n.language(), n.model(), n.sendAt(), n.status(), n.attempts(), n.lastError(), n.sentAt(),
                n.createdAt(), n.activationToken(), n.resentFrom(), List.of(n.creation(by, detail)), null, null, null,
                n.linkExpiresAt().orElse(null));
    }

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
