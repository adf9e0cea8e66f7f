package io.provisio.platform.outbox;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;

/**
 * One message waiting in an aggregate's {@code outbox} array.
 *
 * @param entryId     identifies the entry (a re-sent reply repeats its {@code messageId}, never its entry id)
 * @param createdAt   when the state change that made it was written; the relay's lag is measured from here
 */
record OutboxEntry(String entryId, String messageId, String channel, Routing routing, String type, String traceparent,
                   String body, Instant createdAt) {

    static OutboxEntry of(Document entry) {
        Date createdAt = entry.getDate("createdAt");
        String channel = entry.getString("channel");
        String routing = entry.getString("routing");
        return new OutboxEntry(entry.getString("entryId"), entry.getString("messageId"), channel,
                routing == null ? writtenBeforeRouting(channel) : Routing.valueOf(routing),
                entry.getString("type"), entry.getString("traceparent"), entry.getString("body"),
                createdAt == null ? null : createdAt.toInstant());
    }

    /**
     * An entry written before entries carried their routing (ADR 020) still waits in some outbox after the upgrade:
     * it is read as it was then decided, by its channel. New entries never take this path; remove it once no
     * deployment can hold such an entry.
     */
    private static Routing writtenBeforeRouting(String channel) {
        return channel != null && (channel.endsWith("-events") || channel.endsWith("dry-run-replies"))
                ? Routing.OPTIONAL : Routing.REQUIRED;
    }

    Document toDocument() {
        return new Document("entryId", entryId)
                .append("messageId", messageId)
                .append("channel", channel)
                .append("routing", routing.name())
                .append("type", type)
                .append("traceparent", traceparent)
                .append("body", body)
                .append("createdAt", createdAt == null ? null : Date.from(createdAt));
    }
}
