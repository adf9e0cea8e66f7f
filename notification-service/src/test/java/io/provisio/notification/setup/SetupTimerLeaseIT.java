package io.provisio.notification.setup;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.provisio.notification.MutableClock;
import io.provisio.notification.RunningService;
import io.provisio.notification.setup.application.SetupTimerWorker;
import io.provisio.notification.setup.domain.SetupTimer;
import io.provisio.notification.setup.persistence.SetupTimerStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two replicas and a crash, on the real store: a due setup timer is claimed by one replica only; a replica that died
 * holding it loses it when its lease runs out, and its late write changes nothing; a timer whose setup completed is
 * claimed by nobody.
 */
class SetupTimerLeaseIT extends RunningService {

    private static final Duration LEASE = Duration.ofMinutes(1);

    @Autowired
    SetupTimerStore timers;
    @Autowired
    MutableClock clock;
    @Autowired
    SetupTimerWorker worker;

    /** The service's own worker would be a third claimant: the two replicas here are played by the test. */
    @BeforeEach
    void pauseTheServicesWorker() {
        worker.stop();
    }

    @AfterEach
    void resumeTheServicesWorker() {
        worker.start();
    }

    @Test
    void oneReplicaHoldsADueTimerAndACrashedOnesClaimPassesToAnotherAfterItsLease() {
        String customerId = "cus-" + UUID.randomUUID();
        // Due before anything else in this run's store: the claims below, oldest due first, take this one.
        Instant due = Instant.parse("2020-01-01T00:00:00Z");
        timers.insertIfAbsent(new SetupTimer(customerId, "p-lease", "DELEGATE", "it@lease.se", null, "sv",
                Map.of("companyName", "Lease AB"), "LeaseTok8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2", due, 0, due, null));
        assertThat(timers.insertIfAbsent(new SetupTimer(customerId, "p-lease", "DELEGATE", "other@lease.se", null,
                "sv", Map.of(), "other", due, 0, due, null))).as("one timer per customer").isFalse();

        SetupTimer first = timers.claimNextDue(clock.instant(), LEASE, "replica-a").orElseThrow();
        assertThat(first.customerId()).isEqualTo(customerId);
        assertThat(timers.claimNextDue(clock.instant(), LEASE, "replica-b").map(SetupTimer::customerId))
                .as("held by replica-a").isNotEqualTo(Optional.of(customerId));

        clock.advance(LEASE.plusSeconds(1)); // replica-a died holding it
        SetupTimer taken = timers.claimNextDue(clock.instant(), LEASE, "replica-b").orElseThrow();
        assertThat(taken.customerId()).isEqualTo(customerId);
        assertThat(timers.advance(first, "replica-a", 1, due.plus(Duration.ofDays(1)), null, List.of()))
                .as("the dead replica's late write").isFalse();
        assertThat(timers.advance(taken, "replica-b", 1, due.plus(Duration.ofDays(1)), null, List.of())).isTrue();

        assertThat(timers.complete("p-other", customerId, clock.instant())).as("another partner's").isEmpty();
        assertThat(timers.complete("p-lease", customerId, clock.instant())).isPresent();
        assertThat(timers.complete("p-lease", customerId, clock.instant())).as("a repeat").isEmpty();
        assertThat(timers.status(customerId)).contains("COMPLETED");
        assertThat(timers.claimNextDue(clock.instant().plus(Duration.ofDays(30)), LEASE, "replica-c")
                .map(SetupTimer::customerId)).isNotEqualTo(Optional.of(customerId));
    }
}
