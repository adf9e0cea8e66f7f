package io.provisio.platform.consumer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;

/**
 * The handler behind both test bindings, idempotent like every real one: it records each message id it
 * handled in the {@link FragileMongo} (a repeat is a no-op) and counts attempts and first-time completions.
 * Type {@code Unknown} is poison; an id the test {@link #reject rejects} fails until it is {@link #fix fixed}.
 */
public final class TestConsumers {

    public static final String UNKNOWN_TYPE = "Unknown";

    private final FragileMongo store;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
    private final List<String> attemptOrder = new CopyOnWriteArrayList<>();
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();

    public TestConsumers(FragileMongo store) {
        this.store = store;
    }

    void handle(Envelope envelope) {
        String id = envelope.messageId();
        attempts.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
        attemptOrder.add(id);
        if (UNKNOWN_TYPE.equals(envelope.type())) {
            throw new MalformedMessageException("unknown message type " + envelope.type());
        }
        if (rejected.contains(id)) {
            throw new IllegalStateException("refused by a fault the test injected");
        }
        try {
            store.template().insert(new Document("_id", id).append("type", envelope.type()), "handled");
            completions.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
        } catch (DuplicateKeyException alreadyHandled) {
            // A redelivery of a message handled before: nothing to do, as in every real handler.
        }
    }

    /** The handler refuses this message (a bug, a missing reference) until {@link #fix}. */
    public void reject(String messageId) {
        rejected.add(messageId);
    }

    public void fix(String messageId) {
        rejected.remove(messageId);
    }

    public int attempts(String messageId) {
        AtomicInteger count = attempts.get(messageId);
        return count == null ? 0 : count.get();
    }

    /** How often the message was handled for the first time: more than 1 would be a duplicate effect. */
    public int completions(String messageId) {
        AtomicInteger count = completions.get(messageId);
        return count == null ? 0 : count.get();
    }

    /** Message ids in the order their attempts began. */
    public List<String> attemptOrder() {
        return List.copyOf(attemptOrder);
    }
}
