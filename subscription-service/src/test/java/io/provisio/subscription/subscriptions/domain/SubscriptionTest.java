package io.provisio.subscription.subscriptions.domain;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionTest {

    private static final Instant NOW = Instant.parse("2026-12-01T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void startsBillingAtOnceWhenStartDateIsToday() {
        Subscription s = Subscription.start("p1", "c1", "s1", "ARCHIVE", 5, LocalDate.of(2026, 12, 1), CLOCK);

        assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(s.billingStartedAt()).isEqualTo(NOW);
    }

    @Test
    void startsBillingAtOnceWhenStartDateHasPassed() {
        Subscription s = Subscription.start("p1", "c1", "s1", "ARCHIVE", 5, LocalDate.of(2026, 11, 30), CLOCK);

        assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void isScheduledWhenStartDateIsLater() {
        Subscription s = Subscription.start("p1", "c1", "s1", "ARCHIVE", 5, LocalDate.of(2026, 12, 2), CLOCK);

        assertThat(s.status()).isEqualTo(SubscriptionStatus.SCHEDULED);
        assertThat(s.billingStartedAt()).isNull();
    }

    @Test
    void startsTodayInUtcWhenNoStartDateIsGiven() {
        // 23:30 UTC is already the next day in Stockholm: the day is taken in UTC, not in the clock's zone.
        Clock lateEvening = Clock.fixed(Instant.parse("2026-12-01T23:30:00Z"), ZoneId.of("Europe/Stockholm"));

        Subscription s = Subscription.start("p1", "c1", "s1", "ARCHIVE", 5, null, lateEvening);

        assertThat(s.startDate()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE);
    }

    @Test
    void derivesTheSameIdForTheSameSagaAndPlan() {
        assertThat(Subscription.idOf("s1", "ARCHIVE")).isEqualTo(Subscription.idOf("s1", "ARCHIVE"))
                .isNotEqualTo(Subscription.idOf("s1", "HOSTED-EXCHANGE"))
                .isNotEqualTo(Subscription.idOf("s2", "ARCHIVE"));
    }
}
