package io.provisio.platform.messaging.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Where consumers wait while MongoDB or the broker is unreachable, and what tells them to stop waiting.
 * <p>
 * A waiting consumer holds its delivery (and with it the prefetch of its channel), so it takes nothing new
 * while the dependency is down. It stops first of all lifecycle beans ({@link #getPhase()}): a graceful
 * shutdown wakes every waiting consumer, which gives its message back to the queue, before the bindings
 * are stopped. From then on a failed delivery is always given back, never dead-lettered: the next replica
 * decides about it.
 * <p>
 * Metrics: {@code provisio_messaging_consumers_waiting} (deliveries held right now; the alert watches it)
 * and {@code provisio_messaging_outage_retries_total{queue}}.
 */
public final class ConsumerOutages implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsumerOutages.class);

    private final OutageRetryProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stopped = lock.newCondition();
    private volatile boolean running;
    private volatile boolean stopping;

    public ConsumerOutages(OutageRetryProperties properties, MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
        Gauge.builder("provisio.messaging.consumers.waiting", waiting, AtomicInteger::get)
                .description("Deliveries a consumer holds while MongoDB or the broker is unreachable")
                .register(meters);
    }

    /** An outage as one delivery lives through it: logged when it begins and ends, counted in between. */
    public final class Outage implements AutoCloseable {

        private final String queue;
        private final Instant since;
        private final BackOffExecution pauses;
        private final Counter retries;
        private int attempts;

        private Outage(String queue, Throwable cause) {
            this.queue = queue;
            this.since = clock.instant();
            ExponentialBackOff backOff = new ExponentialBackOff(properties.initialInterval().toMillis(),
                    properties.multiplier());
            backOff.setMaxInterval(properties.maxInterval().toMillis());
            this.pauses = backOff.start();
            this.retries = Counter.builder("provisio.messaging.outage.retries")
                    .description("Deliveries tried again because MongoDB or the broker was unreachable")
                    .tag("queue", queue).register(meters);
            waiting.incrementAndGet();
            // The exception's summary only: the driver's messages name hosts, never credentials.
            log.warn("Consumer of {} holds its message while a dependency is unreachable, trying again for as long "
                    + "as it takes: {}", queue, summary(cause));
        }

        /**
         * Waits the next pause of the back-off.
         *
         * @return false when the consumer must give the message back instead: the application is stopping
         *         or the thread was interrupted
         */
        public boolean pause(Throwable cause) {
            long millis = pauses.nextBackOff();
            log.debug("Consumer of {} tries again in {} ms: {}", queue, millis, summary(cause));
            if (!ConsumerOutages.this.pause(millis)) {
                return false;
            }
            attempts++;
            retries.increment();
            return true;
        }

        @Override
        public void close() {
            waiting.decrementAndGet();
            log.info("Consumer of {} stopped waiting after {} ({} attempts)", queue,
                    Duration.between(since, clock.instant()), attempts);
        }
    }

    /** Starts waiting out an outage for one delivery; close the answer when it is over, however it ends. */
    public Outage begin(String queue, Throwable cause) {
        return new Outage(queue, cause);
    }

    /** True from the moment the application begins to stop: deliveries are given back, not dead-lettered. */
    public boolean stopping() {
        return stopping;
    }

    /** Deliveries being held right now. */
    public int waiting() {
        return waiting.get();
    }

    private boolean pause(long millis) {
        if (stopping || Thread.currentThread().isInterrupted()) {
            return false;
        }
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!stopping && nanos > 0) {
                nanos = stopped.awaitNanos(nanos);
            }
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private static String summary(Throwable cause) {
        Throwable root = FailureClassifier.rootCause(cause);
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public void start() {
        stopping = false;
        running = true;
    }

    @Override
    public void stop() {
        lock.lock();
        try {
            stopping = true;
            running = false;
            stopped.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the bindings ({@code Integer.MAX_VALUE - 1000}) and the web server: stop waiting first. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }
}
