package io.provisio.platform.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import io.provisio.platform.messaging.MessageCodec;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Writes an aggregate document and its outgoing messages in one atomic single-document operation,
 * then hands the messages to the {@link OutboxPublisher}, which publishes them at once. Every aggregate
 * written here carries a {@code version} (optimistic locking: a stale writer loses and must reload), an
 * {@code outbox} array, and while that holds anything unpublished, {@code outboxPendingSince}: the
 * indexed marker the {@link OutboxRelay} recovers from when a process died before it published.
 */
public final class OutboxStore {

    static final String OUTBOX = "outbox";
    static final String VERSION = "version";
    /** When the oldest unpublished entry was written; absent when the outbox is empty. */
    static final String PENDING_SINCE = "outboxPendingSince";

    private final MongoTemplate mongo;
    private final MessageCodec codec;
    private final Clock clock;
    private final OutboxPublisher publisher;

    public OutboxStore(MongoTemplate mongo, MessageCodec codec, Clock clock, OutboxPublisher publisher) {
        this.mongo = mongo;
        this.codec = codec;
        this.clock = clock;
        this.publisher = publisher;
    }

    /**
     * Inserts a new aggregate with version 0.
     *
     * @throws org.springframework.dao.DuplicateKeyException when a unique index refuses it
     */
    public void insert(String collection, Document aggregate, List<OutgoingMessage> messages) {
        Instant now = clock.instant();
        List<OutboxEntry> entries = entries(messages, now);
        Document document = new Document(aggregate);
        document.put(VERSION, 0L);
        document.put(OUTBOX, entries.stream().map(OutboxEntry::toDocument).toList());
        if (!entries.isEmpty()) {
            document.put(PENDING_SINCE, Date.from(now));
        }
        mongo.getCollection(collection).insertOne(document);
        publisher.written(collection, document.get("_id"), entries);
    }

    /**
     * Sets {@code fields} and appends {@code messages} if the stored version is still
     * {@code expectedVersion}; the version then grows by one.
     *
     * @return false when another writer got there first (reload and decide again)
     */
    public boolean update(String collection, Object id, long expectedVersion, Document fields,
                          List<OutgoingMessage> messages) {
        return update(collection, id, expectedVersion, fields, List.of(), messages);
    }

    /** As {@link #update(String, Object, long, Document, List)}, also removing the {@code unset} fields. */
    public boolean update(String collection, Object id, long expectedVersion, Document fields, List<String> unset,
                          List<OutgoingMessage> messages) {
        return write(collection, id, and(eq("_id", id), eq(VERSION, expectedVersion)), fields, unset, messages);
    }

    /**
     * Sets {@code fields}, bumps the version and appends {@code messages} on the one document
     * {@code filter} matches, if it matches.
     *
     * @return whether a document matched
     */
    public boolean updateWhere(String collection, Bson filter, Document fields, List<OutgoingMessage> messages) {
        return write(collection, null, filter, fields, List.of(), messages);
    }

    /** Appends messages to an aggregate without a version check, e.g. to re-send a stored reply. */
    public void append(String collection, Object id, List<OutgoingMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<OutboxEntry> entries = entries(messages, now);
        if (mongo.getCollection(collection).updateOne(eq("_id", id), pushing(entries, now)
                .append("$inc", new Document(VERSION, 1L))).getMatchedCount() == 1) {
            publisher.written(collection, id, entries);
        }
    }

    /**
     * Publishes again, now, what a document's outbox still held when it was read. For a duplicate command whose
     * first reply never left (the process died before the broker confirmed it): that reply, with whatever only
     * it carries, goes out at once instead of a stored copy overtaking it.
     *
     * @return whether the document held anything unpublished
     */
    public boolean republishPending(String collection, Document document) {
        List<Document> pending = document.getList(OUTBOX, Document.class, List.of());
        if (pending.isEmpty()) {
            return false;
        }
        publisher.written(collection, document.get("_id"), pending.stream().map(OutboxEntry::of).toList());
        return true;
    }

    /** @param id the document's id, or {@code null} when only {@code filter} knows it */
    private boolean write(String collection, Object id, Bson filter, Document fields, List<String> unset,
                          List<OutgoingMessage> messages) {
        Instant now = clock.instant();
        List<OutboxEntry> entries = entries(messages, now);
        Document set = new Document(fields);
        set.remove("_id");
        set.remove(VERSION);
        set.remove(OUTBOX);
        set.remove(PENDING_SINCE);
        Document update = entries.isEmpty() ? new Document() : pushing(entries, now);
        update.append("$set", set).append("$inc", new Document(VERSION, 1L));
        if (!unset.isEmpty()) {
            Document fieldsToUnset = new Document();
            unset.forEach(field -> fieldsToUnset.append(field, ""));
            update.append("$unset", fieldsToUnset);
        }
        if (entries.isEmpty()) {
            return mongo.getCollection(collection).updateOne(filter, update).getMatchedCount() == 1;
        }
        Object written = id;
        if (written == null) {
            // One round trip either way; this one also names the document the messages belong to.
            Document matched = mongo.getCollection(collection).findOneAndUpdate(filter, update,
                    new FindOneAndUpdateOptions().projection(new Document("_id", 1)));
            written = matched == null ? null : matched.get("_id");
        } else if (mongo.getCollection(collection).updateOne(filter, update).getMatchedCount() != 1) {
            written = null;
        }
        if (written == null) {
            return false;
        }
        publisher.written(collection, written, entries);
        return true;
    }

    /** Appends the entries and keeps the marker at the oldest unpublished one. */
    private static Document pushing(List<OutboxEntry> entries, Instant now) {
        return new Document("$push", new Document(OUTBOX,
                new Document("$each", entries.stream().map(OutboxEntry::toDocument).toList())))
                .append("$min", new Document(PENDING_SINCE, Date.from(now)));
    }

    private List<OutboxEntry> entries(List<OutgoingMessage> messages, Instant now) {
        return messages.stream()
                // entryId, not messageId, identifies an entry: a re-sent reply repeats its messageId.
                .map(m -> new OutboxEntry(UUID.randomUUID().toString(), m.envelope().messageId(), m.channel(), m.routing(),
                        m.envelope().type(), m.envelope().traceparent(), codec.encode(m.envelope()), now))
                .toList();
    }
}
