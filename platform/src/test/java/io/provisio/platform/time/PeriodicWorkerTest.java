package io.provisio.platform.time;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class PeriodicWorkerTest {

    /** Three threads run rounds at once: a round that waits for two others only finishes if they run meanwhile. */
    @Test
    void runsItsRoundsOnAsManyThreadsAsItWasGiven() {
        CyclicBarrier together = new CyclicBarrier(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        PeriodicWorker worker = new PeriodicWorker("sender", Duration.ofMillis(10), 0, 3) {
            @Override
            protected void round() {
                try {
                    together.await(5, TimeUnit.SECONDS);
                    threads.add(Thread.currentThread().getName());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        worker.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == 3);
        } finally {
            worker.stop();
        }
        assertThat(threads).containsExactlyInAnyOrder("sender-1", "sender-2", "sender-3");
        assertThat(worker.isRunning()).isFalse();
    }

    @Test
    void oneThreadKeepsTheWorkersName() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        PeriodicWorker worker = new PeriodicWorker("relay", Duration.ofMillis(10), 0) {
            @Override
            protected void round() {
                threads.add(Thread.currentThread().getName());
            }
        };
        worker.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !threads.isEmpty());
        } finally {
            worker.stop();
        }
        assertThat(threads).containsExactly("relay");
    }

    @Test
    void refusesToRunOnNoThread() {
        assertThatThrownBy(() -> new PeriodicWorker("idle", Duration.ofSeconds(1), 0, 0) {
            @Override
            protected void round() {
            }
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idle");
    }
}
