package io.provisio.customer.onboarding.application;

/**
 * A partner's {@code Idempotency-Key} and the digest of the request it came with. The key is kept
 * on the onboarding document for as long as the onboarding record exists (at least 24 h, as
 * API.md asks; today for ever), unique per partner.
 *
 * @param requestDigest SHA-256 of the request's canonical JSON: the same key with another body is refused
 */
public record IdempotencyKey(String key, String requestDigest) {
}
