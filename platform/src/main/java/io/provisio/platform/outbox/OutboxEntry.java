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
record OutboxEntry(String entryId, String messageId, String channel, String type, String traceparent, String body,
                   Instant createdAt) {

    static OutboxEntry of(Document entry) {
        Date createdAt = entry.getDate("createdAt");
        return new OutboxEntry(entry.getString("entryId"), entry.getString("messageId"), entry.getString("channel"),
                entry.getString("type"), entry.getString("traceparent"), entry.getString("body"),
                createdAt == null ? null : createdAt.toInstant());
    }

    Document toDocument() {
        return new Document("entryId", entryId)
                .append("messageId", messageId)
                .append("channel", channel)
                .append("type", type)
                .append("traceparent", traceparent)
                .append("body", body)
                .append("createdAt", createdAt == null ? null : Date.from(createdAt));
    }
}
