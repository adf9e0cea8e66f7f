package io.provisio.customer.drafts.scheduling;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.customer.drafts.application.DraftProperties;
import io.provisio.customer.drafts.application.OnboardingDrafts;
import io.provisio.platform.time.RetentionSweep;

/**
 * Keeps drafts from piling up: every {@code retention-interval} each replica deletes the drafts nobody saved for
 * {@code retention} (30 days; ADR 027); on MongoDB the sweep's query is served by the {@code updated} index.
 */
public final class DraftRetention extends RetentionSweep {

    DraftRetention(OnboardingDrafts drafts, DraftProperties properties, Clock clock, MeterRegistry meters) {
        super("draft-retention", properties.retentionInterval(), properties.retention(), clock,
                "drafts not saved since", drafts::deleteSavedBefore, meters, "provisio.drafts.expired",
                "Onboarding drafts deleted after the retention period without a save");
    }
}
