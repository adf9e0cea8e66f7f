package io.provisio.notification.webhook.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {

    private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(30), Duration.ofHours(4),
            Duration.ofHours(24));
    private final Instant created = Instant.parse("2027-06-03T08:00:00Z");

    @Test
    void doublesTheWaitUpToItsMaximumAndGivesUpAfterTheWindow() {
        List<Duration> waits = new ArrayList<>();
        Instant now = created;
        for (int attempts = 1; ; attempts++) {
            Optional<Instant> next = schedule.next(created, attempts, now);
            if (next.isEmpty()) {
                break;
            }
            waits.add(Duration.between(now, next.get()));
            now = next.get();
        }

        assertThat(waits).startsWith(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
                Duration.ofMinutes(4));
        assertThat(waits).contains(Duration.ofMinutes(128)).allMatch(wait -> wait.compareTo(Duration.ofHours(4)) <= 0);
        assertThat(now).isBefore(created.plus(Duration.ofHours(24)))
                .isAfter(created.plus(Duration.ofHours(20)));
        assertThat(waits).hasSize(13); // 14 attempts in all
    }

    @Test
    void startsAgainFromARedeliver() {
        Instant redelivered = created.plus(Duration.ofDays(2));

        assertThat(schedule.next(created, 1, redelivered)).isEmpty();
        assertThat(schedule.next(redelivered, 1, redelivered)).contains(redelivered.plusSeconds(30));
    }
}
