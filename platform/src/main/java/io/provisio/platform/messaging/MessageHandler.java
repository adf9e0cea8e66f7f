package io.provisio.platform.messaging;

/**
 * Handles one decoded message: the envelope for its routing facts (partner, saga, reply channel), the contract
 * record for its content.
 *
 * @param <M> the sealed root of what the channel carries; switch over it with patterns, exhaustively
 */
@FunctionalInterface
public interface MessageHandler<M> {

    void handle(Envelope envelope, M message);
}
