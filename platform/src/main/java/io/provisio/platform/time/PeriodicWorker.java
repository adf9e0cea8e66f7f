package io.provisio.platform.time;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A background worker of one thread that runs {@link #round()} again and again, {@code interval}
 * apart or sooner when {@link #wakeUp() woken}, from start until stop. It holds no timer of its own
 * state: what it works on (outbox entries, due e-mails, due subscriptions) is claimed from MongoDB
 * each round, so a restart or another replica simply carries on. A failed round is logged and the
 * next one tries again: the thread must outlive any failure, or the work would silently stop.
 * {@link #stop()} lets the round in hand finish; {@link #active()} tells it to claim nothing new.
 */
public abstract class PeriodicWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicWorker.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Duration interval;
    private final int phase;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private volatile boolean stopping;
    private ExecutorService executor;

    /**
     * @param name     the thread's name, also in the log of a failed round
     * @param interval the pause between two rounds
     * @param phase    lifecycle phase: higher starts later and stops earlier than what it depends on
     */
    protected PeriodicWorker(String name, Duration interval, int phase) {
        this.name = name;
        this.interval = interval;
        this.phase = phase;
    }

    /** One round of work; may throw, the next round tries again. */
    protected abstract void round();

    /** Runs the next round now instead of after the interval (e.g. a local write has something to send). */
    protected final void wakeUp() {
        wakeUp.release();
    }

    /**
     * False once {@link #stop()} was called: a round finishes what it holds and claims nothing new.
     * True before any start, so a round can also be run by hand (a test, an operator's trigger).
     */
    protected final boolean active() {
        return !stopping;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        stopping = false;
        running = true;
        executor = Executors.newSingleThreadExecutor(r -> new Thread(r, name));
        executor.execute(this::loop);
    }

    private void loop() {
        while (running) {
            try {
                round();
            } catch (Throwable e) {
                log.error("{} round failed, retrying", name, e);
            }
            try {
                wakeUp.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public synchronized void stop() {
        stopping = true;
        running = false;
        wakeUp.release();
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        executor = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return phase;
    }
}
