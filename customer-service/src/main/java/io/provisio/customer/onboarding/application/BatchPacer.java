package io.provisio.customer.onboarding.application;

import io.provisio.platform.time.PeriodicWorker;
import org.springframework.stereotype.Component;

/**
 * Starts batch rows on every replica, a round every {@link BatchProperties#interval()}. Its state is the batches'
 * queue in the store, so a restart or another replica carries on; the lease keeps each batch to one replica.
 */
@Component
class BatchPacer extends PeriodicWorker {

    private final OnboardingBatches batches;

    BatchPacer(OnboardingBatches batches, BatchProperties properties) {
        // Starts after the outbox relay (which it feeds) and stops before it.
        super("batch-pacer", properties.interval(), Integer.MAX_VALUE - 50);
        this.batches = batches;
    }

    @Override
    protected void round() {
        if (active()) {
            batches.pace();
        }
    }
}
