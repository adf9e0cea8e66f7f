package io.provisio.notification.email.domain;

import java.time.Instant;

/**
 * One change in an e-mail's life, as the partner sees it on {@code GET .../notifications/{id}}.
 *
 * @param event  e.g. SCHEDULED, SENT, ATTEMPT_FAILED, RESCHEDULED, CANCELLED, RESENT
 * @param by     the partner id for a change through the API, else {@code system}
 * @param detail what changed (a new sendAt, an error, the id of a re-sent copy), or {@code null}
 */
public record HistoryEntry(Instant at, String event, String by, String detail) {

    /** Who made changes no partner asked for: the saga, the dispatcher, an event. */
    public static final String SYSTEM = "system";
}
