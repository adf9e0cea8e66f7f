package io.provisio.platform;

import io.provisio.platform.config.OutboxCollection;
import io.provisio.platform.outbox.LocalChannel;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** A bare application with the platform's auto-configuration, for the platform's own ITs. */
@SpringBootConfiguration
@EnableAutoConfiguration
public class PlatformTestApplication {

    public static final String AGGREGATES = "test_aggregates";

    /** What the test's local channel handled; {@link #LOCAL_FAILING} fails while it holds "fail". */
    public static final java.util.List<io.provisio.platform.messaging.Envelope> HANDLED_LOCALLY =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    public static final String LOCAL = "local-echo";
    /** A second channel this process consumes itself, whose handler waits while {@link #GATED} is closed. */
    public static final String LOCAL_GATED = "local-gated";
    public static final Gate GATED = new Gate();

    /** Holds {@link #LOCAL_GATED}'s handlers while closed, counting how many are inside at once. */
    public static final class Gate {
        private volatile java.util.concurrent.CountDownLatch open = new java.util.concurrent.CountDownLatch(0);
        private final java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.concurrent.atomic.AtomicInteger mostInside = new java.util.concurrent.atomic.AtomicInteger();
        public final java.util.List<String> passed = new java.util.concurrent.CopyOnWriteArrayList<>();

        public void close() {
            mostInside.set(0);
            open = new java.util.concurrent.CountDownLatch(1);
        }

        public void open() {
            open.countDown();
        }

        public int inside() {
            return inside.get();
        }

        public int mostInside() {
            return mostInside.get();
        }

        void pass(String name) {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                if (!open.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never opened the gate");
                }
                passed.add(name);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                inside.decrementAndGet();
            }
        }
    }

    @Bean
    OutboxCollection testAggregates() {
        return new OutboxCollection(AGGREGATES);
    }

    @Bean
    LocalChannel localGated() {
        return new LocalChannel(LOCAL_GATED, envelope -> GATED.pass(envelope.payload().path("name").asString()));
    }

    /** A channel this process consumes itself; a message whose payload names "refuse" makes it fail. */
    @Bean
    LocalChannel localEcho() {
        return new LocalChannel(LOCAL, envelope -> {
            if (envelope.payload().path("name").asString().startsWith("refuse")) {
                throw new IllegalStateException("refused by the test");
            }
            HANDLED_LOCALLY.add(envelope);
        });
    }
}
