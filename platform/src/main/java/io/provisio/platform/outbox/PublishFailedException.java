package io.provisio.platform.outbox;

/**
 * The broker did not take a message. {@link #brokerUnreachable()} tells an outage (no connection, no
 * confirm in time) from a refusal of this one message (nack, return as unroutable): only an outage
 * makes the publishers hold back.
 */
public class PublishFailedException extends RuntimeException {

    private final boolean brokerUnreachable;

    public PublishFailedException(String message, boolean brokerUnreachable) {
        super(message);
        this.brokerUnreachable = brokerUnreachable;
    }

    public PublishFailedException(String message, boolean brokerUnreachable, Throwable cause) {
        super(message, cause);
        this.brokerUnreachable = brokerUnreachable;
    }

    public boolean brokerUnreachable() {
        return brokerUnreachable;
    }
}
