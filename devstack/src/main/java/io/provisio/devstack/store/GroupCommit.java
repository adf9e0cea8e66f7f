package io.provisio.devstack.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts writes on disk together, as a database's journal does: one thread commits whatever writes have been applied
 * since its last commit, and each write's acknowledgement waits for the first commit that began after the write was
 * applied. Under load one commit serves many writes, and nothing waits on a store thread: the store's event loops
 * go on serving other connections while a write's reply waits (see {@link IndexedH2Backend}). Committing each
 * write on its own wrote one H2 chunk per write (docs/PERFORMANCE.md, run 18).
 */
final class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    /** Pause before trying again after a commit failed (the writes it held stay unacknowledged meanwhile). */
    private static final long RETRY_MILLIS = 200;

    private record Waiter(long ticket, Runnable then) {
    }

    private final Runnable commit;
    private final LongAdder commits = new LongAdder();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    /** Writes applied, each with its ticket. Guarded by {@link #lock}. */
    private long applied;
    /** Every write with a ticket up to this one is on disk. Guarded by {@link #lock}. */
    private long durable;
    /** Guarded by {@link #lock}. */
    private final List<Waiter> waiting = new ArrayList<>();

    GroupCommit(Runnable commit) {
        this.commit = commit;
        Thread.ofPlatform().name("store-group-commit").daemon().start(this::commitLoop);
    }

    /** Called once a write was applied: its ticket, for {@link #whenDurable}. */
    long applied() {
        lock.lock();
        try {
            written.signal();
            return ++applied;
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code then} (at once, or on the committer's thread) when the write with this ticket is on disk. */
    void whenDurable(long ticket, Runnable then) {
        lock.lock();
        try {
            if (ticket > durable) {
                waiting.add(new Waiter(ticket, then));
                return;
            }
        } finally {
            lock.unlock();
        }
        then.run();
    }

    /** {@link #applied} and wait until that write is on disk, for a caller that may block. */
    void awaitDurable() {
        CountDownLatch done = new CountDownLatch(1);
        whenDurable(applied(), done::countDown);
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a commit", e);
        }
    }

    private void commitLoop() {
        while (true) {
            long covers;
            lock.lock();
            try {
                while (applied == durable) {
                    written.awaitUninterruptibly();
                }
                // Every ticket up to here was taken after its write was applied: this commit holds them all.
                covers = applied;
            } finally {
                lock.unlock();
            }
            try {
                commit.run();
                commits.increment();
            } catch (RuntimeException e) {
                log.error("Committing the store failed; {} writes stay unacknowledged, trying again", covers - durable(), e);
                pause();
                continue;
            }
            List<Waiter> done = new ArrayList<>();
            lock.lock();
            try {
                durable = covers;
                waiting.removeIf(w -> w.ticket() <= covers && done.add(w));
            } finally {
                lock.unlock();
            }
            for (Waiter waiter : done) {
                try {
                    waiter.then().run();
                } catch (RuntimeException e) {
                    log.warn("Acknowledging a committed write failed", e);
                }
            }
        }
    }

    private long durable() {
        lock.lock();
        try {
            return durable;
        } finally {
            lock.unlock();
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes applied so far. */
    long writes() {
        lock.lock();
        try {
            return applied;
        } finally {
            lock.unlock();
        }
    }

    /** Commits made so far. */
    long commits() {
        return commits.sum();
    }
}
