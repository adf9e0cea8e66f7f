package io.provisio.platform.messaging;

import io.provisio.messages.MessageTypes;
import io.provisio.platform.outbox.ConfirmingPublisher;
import io.provisio.platform.outbox.Routing;

/**
 * Answers a query-style command (a dry run's validate) straight to its {@code replyTo}, with publisher
 * confirms but without the outbox: the handler wrote nothing, so there is no state change to keep atomic
 * with the reply. If the publish fails the handler throws and the command is redelivered; if the asker
 * has given up by then it ignores the late answer, or its queue is gone ({@link Routing#OPTIONAL}).
 */
public final class DirectReplies {

    private final MessageCodec codec;
    private final ConfirmingPublisher publisher;

    public DirectReplies(MessageCodec codec, ConfirmingPublisher publisher) {
        this.codec = codec;
        this.publisher = publisher;
    }

    /** Answers with a reply named by its contracts' registry (ADR 020). */
    public <M> void reply(Envelope query, MessageTypes<M> types, M payload) {
        reply(query, types.nameOf(payload), payload);
    }

    public void reply(Envelope query, String type, Object payload) {
        if (query.replyTo() == null) {
            throw new MalformedMessageException(query.type() + " without reply channel");
        }
        Envelope reply = codec.reply(query, type, payload);
        publisher.publish(query.replyTo(), Routing.OPTIONAL, reply.messageId(), reply.type(), reply.traceparent(), codec.encode(reply));
    }
}
