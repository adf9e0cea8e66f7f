package io.provisio.platform.outbox;

import java.time.Clock;
import java.util.List;

import com.mongodb.client.result.UpdateResult;
import io.provisio.platform.messaging.MessageCodec;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

/**
 * Writes an aggregate document and its outgoing messages in one atomic single-document operation.
 * Every aggregate written here carries a {@code version} (optimistic locking: a stale writer loses
 * and must reload) and an {@code outbox} array the {@link OutboxRelay} drains.
 */
public final class OutboxStore {

    static final String OUTBOX = "outbox";
    static final String VERSION = "version";

    private final MongoTemplate mongo;
    private final MessageCodec codec;
    private final Clock clock;
    private final Runnable relayNudge;

    public OutboxStore(MongoTemplate mongo, MessageCodec codec, Clock clock, Runnable relayNudge) {
        this.mongo = mongo;
        this.codec = codec;
        this.clock = clock;
        this.relayNudge = relayNudge;
    }

    /**
     * Inserts a new aggregate with version 0.
     *
     * @throws org.springframework.dao.DuplicateKeyException when a unique index refuses it
     */
    public void insert(String collection, Document aggregate, List<OutgoingMessage> messages) {
        Document document = new Document(aggregate);
        document.put(VERSION, 0L);
        document.put(OUTBOX, entries(messages));
        mongo.getCollection(collection).insertOne(document);
        nudge(messages);
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
        return write(collection, and(eq("_id", id), eq(VERSION, expectedVersion)), fields, unset, messages);
    }

    /**
     * Sets {@code fields}, bumps the version and appends {@code messages} on the one document
     * {@code filter} matches, if it matches.
     *
     * @return whether a document matched
     */
    public boolean updateWhere(String collection, Bson filter, Document fields, List<OutgoingMessage> messages) {
        return write(collection, filter, fields, List.of(), messages);
    }

    private boolean write(String collection, Bson filter, Document fields, List<String> unset,
                          List<OutgoingMessage> messages) {
        Document set = new Document(fields);
        set.remove("_id");
        set.remove(VERSION);
        set.remove(OUTBOX);
        Document update = new Document("$set", set).append("$inc", new Document(VERSION, 1L));
        if (!unset.isEmpty()) {
            Document fieldsToUnset = new Document();
            unset.forEach(field -> fieldsToUnset.append(field, ""));
            update.append("$unset", fieldsToUnset);
        }
        if (!messages.isEmpty()) {
            update.append("$push", new Document(OUTBOX, new Document("$each", entries(messages))));
        }
        UpdateResult result = mongo.getCollection(collection).updateOne(filter, update);
        boolean matched = result.getMatchedCount() == 1;
        if (matched) {
            nudge(messages);
        }
        return matched;
    }

    /** Appends messages to an aggregate without a version check, e.g. to re-send a stored reply. */
    public void append(String collection, Object id, List<OutgoingMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        mongo.getCollection(collection).updateOne(eq("_id", id),
                new Document("$push", new Document(OUTBOX, new Document("$each", entries(messages))))
                        .append("$inc", new Document(VERSION, 1L)));
        nudge(messages);
    }

    private List<Document> entries(List<OutgoingMessage> messages) {
        return messages.stream()
                // entryId, not messageId, identifies an entry: a re-sent reply repeats its messageId.
                .map(m -> new Document("entryId", java.util.UUID.randomUUID().toString())
                        .append("messageId", m.envelope().messageId())
                        .append("channel", m.channel())
                        .append("type", m.envelope().type())
                        .append("traceparent", m.envelope().traceparent())
                        .append("body", codec.encode(m.envelope()))
                        .append("createdAt", java.util.Date.from(clock.instant())))
                .toList();
    }

    private void nudge(List<OutgoingMessage> messages) {
        if (!messages.isEmpty()) {
            relayNudge.run();
        }
    }
}
