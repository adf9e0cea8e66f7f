package io.provisio.devstack.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class GroupCommitTest {

    /** Writes the test has applied, and the most of them that a finished commit had seen applied when it began. */
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong onDisk = new AtomicLong();

    private void commit() {
        long seen = applied.get();
        onDisk.accumulateAndGet(seen, Math::max);
    }

    @Test
    void acknowledgesAWriteOnlyAfterACommitThatBeganAfterIt() throws Exception {
        GroupCommit group = new GroupCommit(this::commit);
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        AtomicInteger acknowledged = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            done.add(writers.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    long write = applied.incrementAndGet();
                    long ticket = group.applied();
                    CountDownLatch acked = new CountDownLatch(1);
                    group.whenDurable(ticket, () -> {
                        if (onDisk.get() < write) {
                            violations.add("write " + write + " acknowledged with " + onDisk.get() + " on disk");
                        }
                        acknowledged.incrementAndGet();
                        acked.countDown();
                    });
                    // Half the writers wait for their acknowledgement, as a client does; the others pile up writes.
                    if (ticket % 2 == 0) {
                        acked.await();
                    }
                }
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get(30, TimeUnit.SECONDS);
        }
        writers.shutdown();

        await().atMost(Duration.ofSeconds(10)).until(() -> acknowledged.get() == 2_000);
        assertThat(violations).isEmpty();
        assertThat(group.writes()).isEqualTo(2_000);
        assertThat(group.commits()).isBetween(1L, 2_000L);
    }

    @Test
    void oneCommitServesEveryWriteThatWaitedForIt() throws Exception {
        CountDownLatch firstCommitMayFinish = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        GroupCommit group = new GroupCommit(() -> {
            if (first.getAndSet(false)) {
                try {
                    firstCommitMayFinish.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            commit();
        });
        AtomicInteger acknowledged = new AtomicInteger();
        applied.incrementAndGet();
        group.whenDurable(group.applied(), acknowledged::incrementAndGet);
        await().atMost(Duration.ofSeconds(5)).until(() -> !first.get());
        // Seven more writes while the first commit runs: the next commit takes all of them.
        for (int i = 0; i < 7; i++) {
            applied.incrementAndGet();
            group.whenDurable(group.applied(), acknowledged::incrementAndGet);
        }
        assertThat(acknowledged).hasValue(0);

        firstCommitMayFinish.countDown();

        await().atMost(Duration.ofSeconds(5)).until(() -> acknowledged.get() == 8);
        assertThat(group.commits()).isEqualTo(2);
    }

    @Test
    void aFailedCommitLeavesItsWritesUnacknowledgedUntilOneSucceeds() {
        AtomicInteger attempts = new AtomicInteger();
        GroupCommit group = new GroupCommit(() -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("disk full");
            }
            commit();
        });
        AtomicBoolean acknowledged = new AtomicBoolean();
        applied.incrementAndGet();

        group.whenDurable(group.applied(), () -> acknowledged.set(onDisk.get() >= 1));

        await().atMost(Duration.ofSeconds(5)).untilTrue(acknowledged);
        assertThat(attempts).hasValue(2);
        assertThat(group.commits()).isEqualTo(1);
    }
}
