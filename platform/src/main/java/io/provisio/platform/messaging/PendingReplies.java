package io.provisio.platform.messaging;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The asking side of a request/reply over the broker (ADR 005): the questions this instance waits for, by message id,
 * and the answers that arrive on its own reply queue, matched by the reply's causation id. An answer nobody here waits
 * for (another instance asked, or the asker gave up) is dropped. Every {@link #expect} is paired with a
 * {@link #forget} once the asker stops waiting.
 *
 * @param <T> the answers' type
 */
public final class PendingReplies<T> {

    private final Map<String, CompletableFuture<T>> waiting = new ConcurrentHashMap<>();

    /** Starts waiting for the answer to the question sent as {@code messageId}. */
    public CompletableFuture<T> expect(String messageId) {
        CompletableFuture<T> answer = new CompletableFuture<>();
        waiting.put(messageId, answer);
        return answer;
    }

    /** An answer from the reply queue: completes its asker's wait, if this instance has one. */
    public void answered(Envelope reply, T answer) {
        CompletableFuture<T> asker = reply.causationId() == null ? null : waiting.get(reply.causationId());
        if (asker != null) {
            asker.complete(answer);
        }
    }

    public void forget(String messageId) {
        waiting.remove(messageId);
    }

    /**
     * The answer, if it comes within {@code bound}; empty when it does not, when its question could not be sent
     * (the future completed exceptionally) or when the thread is interrupted (the interrupt is kept).
     */
    public static <T> Optional<T> await(CompletableFuture<T> answer, Duration bound) {
        try {
            return Optional.of(answer.get(Math.max(0, bound.toNanos()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
