package io.provisio.platform.messaging;

import org.slf4j.MDC;

/**
 * Puts a message's saga id, message id and trace id into the logging context while it is handled,
 * so every structured log line of the handler carries them.
 */
public final class MessageContext implements AutoCloseable {

    private MessageContext() {
    }

    public static MessageContext open(Envelope envelope) {
        put("sagaId", envelope.sagaId());
        put("messageId", envelope.messageId());
        put("messageType", envelope.type());
        put("traceId", envelope.traceId());
        return new MessageContext();
    }

    private static void put(String key, String value) {
        if (value != null) {
            MDC.put(key, value);
        }
    }

    @Override
    public void close() {
        MDC.remove("sagaId");
        MDC.remove("messageId");
        MDC.remove("messageType");
        MDC.remove("traceId");
    }
}
