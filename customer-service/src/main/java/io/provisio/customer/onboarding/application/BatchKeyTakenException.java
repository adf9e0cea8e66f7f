package io.provisio.customer.onboarding.application;

/** A concurrent request stored a batch with the same Idempotency-Key first. */
public class BatchKeyTakenException extends RuntimeException {

    public BatchKeyTakenException(String key) {
        super("a batch with Idempotency-Key " + key + " exists");
    }
}
