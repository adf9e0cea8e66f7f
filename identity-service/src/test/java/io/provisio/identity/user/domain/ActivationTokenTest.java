package io.provisio.identity.user.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActivationTokenTest {

    static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");

    @Test
    void issues256RandomBitsAsBase64UrlAndKeepsOnlyTheirHash() {
        ActivationToken.Issued issued = ActivationToken.issue(NOW, Duration.ofHours(72));

        assertThat(issued.token()).matches("[A-Za-z0-9_-]{43}");
        assertThat(ActivationToken.wellFormed(issued.token())).isTrue();
        assertThat(issued.stored().hash()).matches("[0-9a-f]{64}").isEqualTo(ActivationToken.hash(issued.token()))
                .doesNotContain(issued.token());
        assertThat(issued.toString()).doesNotContain(issued.token());
    }

    @Test
    void neverIssuesTheSameTokenTwice() {
        Set<String> tokens = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(ActivationToken.issue(NOW, Duration.ofHours(72)).token());
        }
        assertThat(tokens).hasSize(1000);
    }

    @Test
    void expiresExactlyAfterItsValidity() {
        ActivationToken token = ActivationToken.issue(NOW, Duration.ofHours(72)).stored();

        assertThat(token.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(72)));
        assertThat(token.expiredAt(NOW.plus(Duration.ofHours(72)).minusMillis(1))).isFalse();
        assertThat(token.expiredAt(NOW.plus(Duration.ofHours(72)))).isTrue();
    }

    @Test
    void seesMalformedTextAsNoToken() {
        assertThat(ActivationToken.wellFormed(null)).isFalse();
        assertThat(ActivationToken.wellFormed("short")).isFalse();
        assertThat(ActivationToken.wellFormed("a".repeat(42) + "=")).isFalse();
    }
}
