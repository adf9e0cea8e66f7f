package io.provisio.notification.email.domain;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(30), Duration.ofMinutes(1));

    @Test
    void doublesTheWaitAfterEachFailureUpToTheCeiling() {
        assertThat(policy.afterFailure(1, false, NOW)).isEqualTo(new RetryPolicy.RetryAt(NOW.plusSeconds(30)));
        assertThat(policy.afterFailure(2, false, NOW)).isEqualTo(new RetryPolicy.RetryAt(NOW.plusSeconds(60)));
        assertThat(policy.afterFailure(3, false, NOW)).isEqualTo(new RetryPolicy.RetryAt(NOW.plusSeconds(60)));
    }

    @Test
    void givesUpAfterTheLastAttempt() {
        assertThat(policy.afterFailure(4, false, NOW)).isInstanceOf(RetryPolicy.RetryAt.class);
        assertThat(policy.afterFailure(5, false, NOW)).isInstanceOf(RetryPolicy.GiveUp.class);
    }

    @Test
    void givesUpAtOnceOnAPermanentFailure() {
        assertThat(policy.afterFailure(1, true, NOW)).isInstanceOf(RetryPolicy.GiveUp.class);
    }
}
