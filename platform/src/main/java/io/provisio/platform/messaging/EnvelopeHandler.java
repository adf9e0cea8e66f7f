package io.provisio.platform.messaging;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.messaging.Message;

/**
 * Adapts a handler of envelopes into the {@code Consumer<Message<byte[]>>} a Spring Cloud Stream
 * binding wants: it decodes, handles the message in a CONSUMER span continuing its trace (ADR 016) with
 * the logging context set, and sends malformed messages straight to the dead-letter queue instead of
 * retrying them. What happens to any other exception is decided by {@code FailureClassifier} around the
 * binding (ADR 010): an unreachable MongoDB or broker is waited out without limit, anything else is
 * retried a few times with back-off and then dead-lettered.
 */
public final class EnvelopeHandler implements Consumer<Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(EnvelopeHandler.class);

    private final MessageCodec codec;
    private final Consumer<Envelope> handler;

    public EnvelopeHandler(MessageCodec codec, Consumer<Envelope> handler) {
        this.codec = codec;
        this.handler = handler;
    }

    @Override
    public void accept(Message<byte[]> message) {
        Envelope envelope;
        try {
            envelope = codec.decode(message.getPayload());
        } catch (MalformedMessageException e) {
            log.error("Dead-lettering a malformed message: {}", e.getMessage());
            throw new AmqpRejectAndDontRequeueException(e.getMessage(), e);
        }
        try {
            codec.tracing().handle(envelope, traceparent(message, envelope), "broker", handler);
        } catch (MalformedMessageException e) {
            log.error("Dead-lettering {} {}: {}", envelope.type(), envelope.messageId(), e.getMessage());
            throw new AmqpRejectAndDontRequeueException(e.getMessage(), e);
        }
    }

    /** The publisher's span (header) if the message crossed the broker with one, else the writer's (envelope). */
    private static String traceparent(Message<byte[]> message, Envelope envelope) {
        Object header = message.getHeaders().get(MessageTracing.TRACEPARENT);
        if (header instanceof byte[] bytes) {
            header = new String(bytes, StandardCharsets.UTF_8);
        }
        return header instanceof String traceparent && !traceparent.isEmpty() ? traceparent : envelope.traceparent();
    }
}
