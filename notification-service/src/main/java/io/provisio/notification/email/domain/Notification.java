package io.provisio.notification.email.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One e-mail to one recipient, from scheduling to delivery.
 *
 * @param id              deterministic per cause (saga and template, command, subscription), so a redelivered
 *                        message finds what it already wrote
 * @param sagaId          the onboarding that scheduled it, or {@code null}
 * @param userId          the user an ACTIVATION e-mail is for, when known
 * @param to              the recipient address; {@code null} only while WAITING_FOR_RECIPIENT
 * @param model           the values the template renders (e.g. recipientName, companyName); no secrets
 * @param sendAt          not before this instant; also the next retry time after a failed attempt
 * @param attempts        how many delivery attempts finished, successful or not
 * @param lastError       why the last attempt failed, or {@code null}
 * @param activationToken the one-time token an ACTIVATION e-mail links to; kept only while unsent, never shown
 * @param resentFrom      the e-mail this one is a re-send of, or {@code null}
 * @param history         every change, oldest first
 */
public record Notification(
        String id,
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
        int attempts,
        String lastError,
        Instant sentAt,
        Instant createdAt,
        String activationToken,
        String resentFrom,
        List<HistoryEntry> history) {

    public Notification {
        model = Map.copyOf(model);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A fresh e-mail waiting for its time. */
    public static Notification scheduled(String id, String partnerId, String customerId, String sagaId,
                                         Template template, String to, Language language,
                                         Map<String, Object> model, Instant sendAt, Instant now) {
        return new Notification(id, partnerId, customerId, sagaId, null, template, to, language, model, sendAt,
                NotificationStatus.SCHEDULED, 0, null, null, now, null, null, List.of());
    }

    /** The same e-mail with an activation token and the user it is for. */
    public Notification withActivation(String forUserId, String token) {
        return new Notification(id, partnerId, customerId, sagaId, forUserId, template, to, language, model, sendAt,
                status, attempts, lastError, sentAt, createdAt, token, resentFrom, history);
    }

    /** The same e-mail in another status, e.g. WAITING_FOR_RECIPIENT before it is stored. */
    public Notification withStatus(NotificationStatus newStatus) {
        return new Notification(id, partnerId, customerId, sagaId, userId, template, to, language, model, sendAt,
                newStatus, attempts, lastError, sentAt, createdAt, activationToken, resentFrom, history);
    }

    /** A new e-mail with this one's content, due now: what a partner's resend creates. */
    public Notification resend(String newId, Instant now) {
        return new Notification(newId, partnerId, customerId, sagaId, userId, template, to, language, model, now,
                NotificationStatus.SCHEDULED, 0, null, null, now, null, id, List.of());
    }

    /** The id of a saga's e-mail of one template: the same saga always gets the same id. */
    public static String idFor(String sagaId, Template template) {
        return idOf(sagaId + "/" + template.name());
    }

    /** A deterministic id for any cause, e.g. {@code "activation/" + messageId}. */
    public static String idOf(String cause) {
        return "ntf-" + UUID.nameUUIDFromBytes(cause.getBytes(StandardCharsets.UTF_8));
    }

    /** The RFC 5322 Message-ID every delivery attempt of this e-mail carries, so receivers can drop a re-send. */
    public String messageId() {
        return "<" + id + "@provisio>";
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "Notification[id=" + id + ", template=" + template + ", status=" + status + ", sendAt=" + sendAt + "]";
    }
}
