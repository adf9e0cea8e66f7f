package io.provisio.notification.email.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.provisio.ids.Ids;

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
        model = withoutNulls(model);
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A value stored as {@code null} (a recipient's name not known yet) is as absent. */
    private static Map<String, Object> withoutNulls(Map<String, Object> model) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (model != null) {
            model.forEach((key, value) -> {
                if (value != null) {
                    values.put(key, value);
                }
            });
        }
        return Collections.unmodifiableMap(values);
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

    /**
     * The first entry of a new e-mail's history: its public status when it was created.
     *
     * @param by     who created it: {@link HistoryEntry#SYSTEM} or the partner id of a resend
     * @param detail e.g. the e-mail it re-sends; {@code null} says when it is due
     */
    public HistoryEntry creation(String by, String detail) {
        return new HistoryEntry(createdAt, status.publicStatus().name(), by, detail == null ? "sendAt " + sendAt : detail);
    }

    /** When an ACTIVATION e-mail's link expires ({@code expiresAt} in its model), if it says. */
    public Optional<Instant> linkExpiresAt() {
        Object expiresAt = model.get("expiresAt");
        return template == Template.ACTIVATION && expiresAt != null ? Optional.of(Instant.parse(expiresAt.toString()))
                : Optional.empty();
    }

    /** The id of a saga's e-mail of one template: the same saga always gets the same id. */
    public static String idFor(String sagaId, Template template) {
        return "ntf-" + Ids.derived(sagaId, sagaId + "/" + template.name());
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
