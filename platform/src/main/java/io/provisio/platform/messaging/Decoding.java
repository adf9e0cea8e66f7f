package io.provisio.platform.messaging;

import java.util.function.Consumer;

import io.provisio.messages.MessageTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes a channel's envelopes through the contracts' registry (ADR 020) and hands each record to a
 * {@link MessageHandler}: the one place a wire name becomes a type. Give the result to an {@link EnvelopeHandler}
 * (the broker's consumer) or to a {@code LocalChannel} (the same handling without the broker).
 */
public final class Decoding<M> implements Consumer<Envelope> {

    private static final Logger log = LoggerFactory.getLogger(Decoding.class);

    private final MessageCodec codec;
    private final MessageTypes<M> types;
    private final MessageHandler<M> handler;
    private final boolean ignoreUnknown;

    private Decoding(MessageCodec codec, MessageTypes<M> types, MessageHandler<M> handler, boolean ignoreUnknown) {
        this.codec = codec;
        this.types = types;
        this.handler = handler;
        this.ignoreUnknown = ignoreUnknown;
    }

    /**
     * For a channel of commands or replies, which only the registry's types may use: any other type is poison and
     * goes to the dead-letter queue.
     */
    public static <M> Decoding<M> strictly(MessageCodec codec, MessageTypes<M> types, MessageHandler<M> handler) {
        return new Decoding<>(codec, types, handler, false);
    }

    /**
     * For a channel of events: a type the registry does not know (a newer provider's event, published before this
     * consumer was upgraded) is acknowledged and ignored, as a subscriber ignores the events it has no use for.
     */
    public static <M> Decoding<M> tolerantly(MessageCodec codec, MessageTypes<M> types, MessageHandler<M> handler) {
        return new Decoding<>(codec, types, handler, true);
    }

    /**
     * @throws MalformedMessageException for an unknown type on a strict channel, or a payload that does not fit its
     *                                   record
     */
    @Override
    public void accept(Envelope envelope) {
        if (ignoreUnknown && !types.knows(envelope.type())) {
            log.debug("Ignoring {} {}: not one of {}", envelope.type(), envelope.messageId(), types);
            return;
        }
        handler.handle(envelope, codec.payload(envelope, types));
    }
}
