package io.provisio.customer.onboarding.application;

import java.nio.charset.StandardCharsets;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param digestKey the server key of the Idempotency-Key digests (HMAC-SHA256), from a secret (env
 *                  {@code PROVISIO_IDEMPOTENCY_KEY}); at least 32 bytes. There is no default: without it the
 *                  service does not start. Changing it makes every stored digest unknown, so a repeat of an
 *                  earlier request then answers 422 IDEMPOTENCY_KEY_REUSED instead of its onboarding.
 */
@ConfigurationProperties("provisio.idempotency")
public record IdempotencyProperties(String digestKey) {

    static final int MIN_KEY_BYTES = 32;

    public IdempotencyProperties {
        if (digestKey == null || digestKey.isBlank()) {
            throw new IllegalStateException("provisio.idempotency.digest-key (env PROVISIO_IDEMPOTENCY_KEY) is not"
                    + " set: Idempotency-Key digests are HMAC-SHA256 under this server key. Give it at least "
                    + MIN_KEY_BYTES + " random bytes from a secret; deploy/local/run.sh sets a demo key for the"
                    + " local run");
        }
        if (digestKey.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalStateException("provisio.idempotency.digest-key (env PROVISIO_IDEMPOTENCY_KEY) is"
                    + " shorter than " + MIN_KEY_BYTES + " bytes");
        }
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "IdempotencyProperties[digestKey=(secret)]";
    }
}
