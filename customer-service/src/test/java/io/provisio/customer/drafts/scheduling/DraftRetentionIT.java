package io.provisio.customer.drafts.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.provisio.customer.LeaveNoQueues;
import io.provisio.customer.drafts.application.DraftRepository;
import io.provisio.customer.drafts.domain.Draft;
import io.provisio.devstack.TestInfrastructureInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/** Drafts nobody saved for the retention period (30 days) are deleted by the sweep; the rest stay, of every partner. */
@SpringBootTest
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ExtendWith(LeaveNoQueues.class)
class DraftRetentionIT {

    @Autowired
    DraftRetention retention;
    @Autowired
    DraftRepository drafts;
    @Autowired
    Clock clock;

    @Test
    void deletesOnlyTheDraftsNotSavedWithinTheRetentionPeriod() {
        Instant now = clock.instant();
        String partner = "retention-" + UUID.randomUUID();
        String other = "retention-other-" + UUID.randomUUID();
        Draft forgotten = draft(partner, now.minus(Duration.ofDays(31)));
        Draft othersForgotten = draft(other, now.minus(Duration.ofDays(45)));
        Draft recent = draft(partner, now.minus(Duration.ofDays(29)));
        // Created long ago, but saved yesterday: what counts is the last save.
        Draft resumed = draft(partner, now.minus(Duration.ofDays(90))).replacedBy(
                new Draft.Content("Resumed", "{}", null, null), now.minus(Duration.ofDays(1)), "staff-bo");
        for (Draft d : new Draft[] {forgotten, othersForgotten, recent}) {
            drafts.insert(d);
        }
        drafts.insert(resumed);

        // The sweep also runs by itself at start-up: only what is left afterwards is asserted, not who deleted it.
        retention.sweep();

        assertThat(drafts.find(partner, forgotten.id())).isEmpty();
        assertThat(drafts.find(other, othersForgotten.id())).isEmpty();
        assertThat(drafts.find(partner, recent.id())).isPresent();
        assertThat(drafts.find(partner, resumed.id())).isPresent();
        assertThat(drafts.deleteSavedBefore(now.minus(Duration.ofDays(30)))).as("nothing forgotten is left").isZero();
    }

    private static Draft draft(String partner, Instant savedAt) {
        return Draft.create("drf-" + UUID.randomUUID(), partner, new Draft.Content("Kept?", "{}", "Testbolag AB",
                "testbolag"), savedAt, "staff-anna");
    }
}
