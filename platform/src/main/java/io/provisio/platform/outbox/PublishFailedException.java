package io.provisio.platform.outbox;

/** The broker did not take a message: nack, return (unroutable), or no confirm in time. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message) {
        super(message);
    }

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
