package io.provisio.platform.time;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
 * A worker may run its rounds on several threads at once, when each round claims its work atomically (as
 * several replicas would); a wake-up then starts one of them.
 */
public abstract class PeriodicWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicWorker.class);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final Duration interval;
    private final int phase;
    private final int threads;
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
        this(name, interval, phase, 1);
    }

    /**
     * @param threads how many threads run rounds at once (named {@code name-1}, {@code name-2}, ... when more than
     *                one); only for rounds whose work is claimed atomically, so two threads never hold the same
     */
    protected PeriodicWorker(String name, Duration interval, int phase, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException(name + " needs at least one thread, not " + threads);
        }
        this.name = name;
        this.interval = interval;
        this.phase = phase;
        this.threads = threads;
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
        AtomicInteger started = new AtomicInteger();
        executor = Executors.newFixedThreadPool(threads,
                r -> new Thread(r, threads == 1 ? name : name + "-" + started.incrementAndGet()));
        for (int i = 0; i < threads; i++) {
            executor.execute(this::loop);
        }
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
        wakeUp.release(threads);
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
