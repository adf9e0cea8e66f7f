package io.provisio.platform.messaging;

/** A message that can never be handled, however often it is retried. */
public class MalformedMessageException extends RuntimeException {

    public MalformedMessageException(String message) {
        super(message);
    }
}
