package io.provisio.notification.setup.application;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import io.provisio.notification.setup.domain.SetupTimer;
import io.provisio.notification.setup.persistence.SetupTimerStore;
import io.provisio.platform.time.PeriodicWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs due setup steps. Every replica runs one; they share the timers through MongoDB alone, like the e-mail
 * dispatcher: each round claims one due timer at a time (find-and-modify with a lease), runs its step and moves it on
 * only while it still holds the claim. Nothing is in memory: a restart finds every step that fell due meanwhile, and
 * a dead replica's claim expires for another to take.
 */
public final class SetupTimerWorker extends PeriodicWorker {

    private static final Logger log = LoggerFactory.getLogger(SetupTimerWorker.class);

    private final SetupTimerStore store;
    private final SetupTimers timers;
    private final SetupProperties properties;
    private final Clock clock;
    private final String owner = "setup-" + UUID.randomUUID();

    public SetupTimerWorker(SetupTimerStore store, SetupTimers timers, SetupProperties properties, Clock clock) {
        // Before the mail dispatcher stops: what a step writes is sent by it.
        super("setup-timers", properties.interval(), Integer.MAX_VALUE - 300);
        this.store = store;
        this.timers = timers;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void round() {
        runDue();
    }

    /** @return how many steps this call ran */
    public int runDue() {
        int ran = 0;
        while (active()) {
            Optional<SetupTimer> claimed = store.claimNextDue(clock.instant(), properties.lease(), owner);
            if (claimed.isEmpty()) {
                return ran;
            }
            if (!timers.runStep(claimed.get(), owner)) {
                log.warn("Setup timer of customer {} changed while its step ran (completed, or the claim expired)",
                        claimed.get().customerId());
            }
            ran++;
        }
        return ran;
    }
}
