package io.provisio.platform.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import io.provisio.platform.time.AdjustableClock;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private final AdjustableClock clock = new AdjustableClock(Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));
    private final AtomicInteger verifications = new AtomicInteger();

    @Test
    void verifiesATokenOnceAndAnswersItsRepeatsFromMemory() {
        VerifiedTokens tokens = new VerifiedTokens(decoderIssuingFor(Duration.ofHours(1)), clock, Duration.ofMinutes(5), 100);

        Jwt first = tokens.decode("token-a");
        Jwt again = tokens.decode("token-a");

        assertThat(again).isSameAs(first);
        assertThat(verifications).hasValue(1);
        tokens.decode("token-b");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void verifiesAgainAfterTheMaximumAgeAndNeverServesAnExpiredToken() {
        VerifiedTokens tokens = new VerifiedTokens(decoderIssuingFor(Duration.ofMinutes(2)), clock, Duration.ofMinutes(5), 100);
        tokens.decode("short-lived");

        clock.advance(Duration.ofMinutes(3));
        // The cached copy has expired: the delegate is asked, and it refuses.
        assertThatThrownBy(() -> tokens.decode("short-lived")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void keepsNothingTheDelegateRefused() {
        JwtDecoder refusing = token -> {
            verifications.incrementAndGet();
            throw new BadJwtException("bad signature");
        };
        VerifiedTokens tokens = new VerifiedTokens(refusing, clock, Duration.ofMinutes(5), 100);

        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }

    /** Issues tokens valid for {@code lifetime} from the clock's now; refuses expired ones, like Nimbus. */
    private JwtDecoder decoderIssuingFor(Duration lifetime) {
        Instant issued = clock.instant();
        return token -> {
            verifications.incrementAndGet();
            if (!clock.instant().isBefore(issued.plus(lifetime))) {
                throw new BadJwtException("expired");
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").claim("partner_id", "p1")
                    .issuedAt(issued).expiresAt(issued.plus(lifetime)).build();
        };
    }
}
