package io.provisio.notification.setup.domain;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static io.provisio.notification.setup.domain.SetupStage.CONFIGURE_NOW;
import static io.provisio.notification.setup.domain.SetupStage.ESCALATION;
import static io.provisio.notification.setup.domain.SetupStage.FINAL_ESCALATION;
import static io.provisio.notification.setup.domain.SetupStage.REMINDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The documented cadence (ADR 023) and its catch-up after an outage. */
class SetupCadenceTest {

    static final Instant START = Instant.parse("2026-12-07T00:00:00Z");
    final SetupCadence cadence = new SetupCadence(Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7));

    @Test
    void configuresNowEscalatesAfterADayRemindsEveryTwoDaysAndEscalatesAgainAtTheDeadline() {
        assertThat(cadence.steps()).extracting(SetupCadence.Step::stage, s -> s.after().toDays()).containsExactly(
                tuple(CONFIGURE_NOW, 0L), tuple(ESCALATION, 1L), tuple(REMINDER, 2L), tuple(REMINDER, 4L),
                tuple(REMINDER, 6L), tuple(FINAL_ESCALATION, 7L));
    }

    @Test
    void runsTheNextStepWhenNothingWasMissed() {
        assertThat(cadence.next(0, START, START.plusSeconds(1))).isEqualTo(1);
        assertThat(cadence.dueAt(1, START)).isEqualTo(Instant.parse("2026-12-08T00:00:00Z"));
        assertThat(cadence.next(5, START, START.plus(Duration.ofDays(8)))).isEqualTo(-1);
    }

    @Test
    void skipsWhatALaterStepOvertookDuringAnOutageButNeverTheFinalEscalation() {
        assertThat(cadence.next(0, START, START.plus(Duration.ofDays(5)))).as("reminder of day 4").isEqualTo(3);
        assertThat(cadence.stage(cadence.next(0, START, START.plus(Duration.ofDays(30)))))
                .isEqualTo(FINAL_ESCALATION);
    }

    @Test
    void refusesACadenceWhoseDeadlineComesBeforeTheEscalation() {
        assertThatThrownBy(() -> new SetupCadence(Duration.ofDays(2), Duration.ofDays(1), Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
