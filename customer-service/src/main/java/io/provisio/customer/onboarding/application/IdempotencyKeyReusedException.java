package io.provisio.customer.onboarding.application;

/** The partner sent an Idempotency-Key it already used, with a different request body. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key) {
        super("Idempotency-Key " + key + " was used with another request");
    }
}
