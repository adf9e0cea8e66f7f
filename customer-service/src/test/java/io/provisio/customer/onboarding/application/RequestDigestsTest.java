package io.provisio.customer.onboarding.application;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Idempotency-Key digest (ADR 012): an HMAC under the server key, never a plain hash of the body. */
class RequestDigestsTest {

    static final byte[] BODY = """
            {"customer":{"accountName":"testbolag"},"administrator":{"password":"vinter-kaffe-Tromsø-47"}}"""
            .getBytes(StandardCharsets.UTF_8);

    final RequestDigests digests =
            new RequestDigests(new IdempotencyProperties("a-test-key-of-at-least-32-bytes-long"));

    @Test
    void digestsTheSameBodyAlikeAndAnotherBodyOtherwise() {
        IdempotencyKey first = digests.keyFor("retry-7f3a", BODY);
        IdempotencyKey again = digests.keyFor("retry-7f3a", BODY.clone());
        IdempotencyKey other = digests.keyFor("retry-7f3a", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(first.requestDigest()).startsWith("hmac-sha256:").isEqualTo(again.requestDigest());
        assertThat(again.sameRequestAs(first.requestDigest())).isTrue();
        assertThat(other.sameRequestAs(first.requestDigest())).isFalse();
    }

    @Test
    void storesNothingThatAnyoneWithoutTheKeyCouldRecompute() throws Exception {
        String plain = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(BODY));
        RequestDigests otherKey = new RequestDigests(new IdempotencyProperties("another-key-of-at-least-32-bytes!!"));

        String stored = digests.keyFor("k", BODY).requestDigest();

        assertThat(stored).doesNotContain(plain);
        assertThat(otherKey.keyFor("k", BODY).requestDigest()).isNotEqualTo(stored);
        assertThat(digests.keyFor("k", BODY).toString()).doesNotContain(stored.substring(12));
    }

    @Test
    void recognisesARepeatOfARequestStoredWithTheDigestOfBeforeTheKey() throws Exception {
        String legacy = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(BODY));

        assertThat(digests.keyFor("k", BODY).sameRequestAs(legacy)).isTrue();
        assertThat(digests.keyFor("k", "{}".getBytes(StandardCharsets.UTF_8)).sameRequestAs(legacy)).isFalse();
        assertThat(digests.keyFor("k", BODY).sameRequestAs(null)).isFalse();
    }

    @Test
    void refusesToStartWithoutAKeyOrWithAShortOne() {
        assertThatThrownBy(() -> new IdempotencyProperties(null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PROVISIO_IDEMPOTENCY_KEY")
                .hasMessageContaining("provisio.idempotency.digest-key");
        assertThatThrownBy(() -> new IdempotencyProperties(" ")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new IdempotencyProperties("too-short")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes").hasMessageNotContaining("too-short");
        assertThat(new IdempotencyProperties("a-test-key-of-at-least-32-bytes-long").toString())
                .doesNotContain("a-test-key");
    }
}
