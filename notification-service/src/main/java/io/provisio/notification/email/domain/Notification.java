package io.provisio.notification.email.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One e-mail to one recipient, from scheduling to delivery.
 *
 * @param id        deterministic per saga and template, so a redelivered command finds what it already wrote
 * @param model     the values the template renders (e.g. recipientName, companyName)
 * @param sendAt    not before this instant; also the next retry time after a failed attempt
 * @param attempts  how many delivery attempts finished, successful or not
 * @param lastError why the last attempt failed, or {@code null}
 */
public record Notification(
        String id,
        String partnerId,
        String customerId,
        String sagaId,
        Template template,
        String to,
        Language language,
        Map<String, Object> model,
        Instant sendAt,
        NotificationStatus status,
        int attempts,
        String lastError,
        Instant sentAt,
        Instant createdAt) {

    public Notification {
        model = Map.copyOf(model);
    }

    /** A fresh e-mail waiting for its time. */
    public static Notification scheduled(String id, String partnerId, String customerId, String sagaId,
                                         Template template, String to, Language language,
                                         Map<String, Object> model, Instant sendAt, Instant now) {
        return new Notification(id, partnerId, customerId, sagaId, template, to, language, model, sendAt,
                NotificationStatus.SCHEDULED, 0, null, null, now);
    }

    /** The id of a saga's e-mail of one template: the same saga always gets the same id. */
    public static String idFor(String sagaId, Template template) {
        return "ntf-" + UUID.nameUUIDFromBytes((sagaId + "/" + template.name()).getBytes(StandardCharsets.UTF_8));
    }

    /** The RFC 5322 Message-ID every delivery attempt of this e-mail carries, so receivers can drop a re-send. */
    public String messageId() {
        return "<" + id + "@provisio>";
    }
}
