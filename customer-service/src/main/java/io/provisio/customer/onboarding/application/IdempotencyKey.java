package io.provisio.customer.onboarding.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A partner's {@code Idempotency-Key} and the digest of the request it came with. The key is kept
 * on the onboarding document for as long as the onboarding record exists (at least 24 h, as
 * API.md asks; today for ever), unique per partner. Built by {@link RequestDigests}.
 *
 * @param requestDigest the stored form: {@code hmac-sha256:<hex>} of the request's canonical JSON under the
 *                      server key, so the same key with another body is refused
 * @param legacyDigest  the unsalted SHA-256 that onboardings stored before ADR 012, computed here only to
 *                      recognise their repeats; never stored again
 */
public record IdempotencyKey(String key, String requestDigest, String legacyDigest) {

    /** Whether {@code stored}, the digest kept with an earlier onboarding, is this request's. */
    public boolean sameRequestAs(String stored) {
        if (stored == null) {
            return false;
        }
        String mine = stored.startsWith(RequestDigests.HMAC) ? requestDigest : legacyDigest;
        // Constant time: the comparison does not tell a prober how much of a digest matched.
        return MessageDigest.isEqual(stored.getBytes(StandardCharsets.UTF_8), mine.getBytes(StandardCharsets.UTF_8));
    }

    /** Never prints the digests. */
    @Override
    public String toString() {
        return "IdempotencyKey[key=" + key + "]";
    }
}
