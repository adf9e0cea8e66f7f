package io.provisio.platform.messaging.retry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoTimeoutException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.observability.ConsumerQueueMetrics;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.Retryable;
import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The retry every consumer binding runs under, without a broker: bounded attempts, outages without end. */
class ConsumerRetryTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConsumerOutages outages = new ConsumerOutages(
            new OutageRetryProperties(Duration.ofMillis(1), 2.0, Duration.ofMillis(5)), meters, Clock.systemUTC());
    private final ConsumerRetry retry = new ConsumerRetry("orders.test", ConsumerRetryCustomizer.bounded(
            fiveAttemptsQuickly()), outages, ConsumerQueueMetrics.consumerFailures(meters, "orders.test"));

    private double failures() {
        return meters.counter("provisio.messaging.consumer.failures", "queue", "orders.test").count();
    }

    private static ConsumerProperties fiveAttemptsQuickly() {
        ConsumerProperties properties = new ConsumerProperties();
        properties.setMaxAttempts(5);
        properties.setBackOffInitialInterval(1);
        properties.setBackOffMaxInterval(2);
        return properties;
    }

    /** Fails with the given failures in turn, then answers "done". */
    private static final class Script implements Retryable<String> {

        private final Deque<RuntimeException> failures = new ArrayDeque<>();
        private final AtomicInteger calls = new AtomicInteger();
        private RuntimeException always;

        Script then(int times, RuntimeException failure) {
            for (int i = 0; i < times; i++) {
                failures.add(failure);
            }
            return this;
        }

        Script forever(RuntimeException failure) {
            always = failure;
            return this;
        }

        @Override
        public String execute() {
            calls.incrementAndGet();
            RuntimeException next = failures.poll();
            if (next != null) {
                throw next;
            }
            if (always != null) {
                throw always;
            }
            return "done";
        }
    }

    private static RuntimeException outage() {
        return new DataAccessResourceFailureException("Timed out", new MongoTimeoutException("Timed out"));
    }

    @Test
    void waitsOutAnOutageFarLongerThanTheAttemptsOtherFailuresGet() throws RetryException {
        Script handler = new Script().then(50, outage());

        assertThat(retry.execute(handler)).isEqualTo("done");

        assertThat(handler.calls).hasValue(51);
        assertThat(meters.counter("provisio.messaging.outage.retries", "queue", "orders.test").count()).isPositive();
        assertThat(failures()).as("outages are not handler failures").isZero();
        assertThat(outages.waiting()).isZero();
    }

    @Test
    void givesOtherFailuresTheirBoundedAttemptsThenTheRecoverer() {
        Script handler = new Script().then(10, new IllegalStateException("a bug"));

        // Its message becomes the dead letter's reason: the handler's words, not the template's.
        assertThatThrownBy(() -> retry.execute(handler)).isInstanceOf(RetryException.class)
                .hasMessage("IllegalStateException: a bug");

        assertThat(handler.calls).hasValue(5);
        assertThat(failures()).isEqualTo(5);
    }

    @Test
    void startsTheBoundedAttemptsAfreshWhenAnOutageEnds() throws RetryException {
        Script handler = new Script()
                .then(3, new IllegalStateException("flaky"))
                .then(4, outage())
                .then(4, new IllegalStateException("flaky"));

        assertThat(retry.execute(handler)).isEqualTo("done");

        assertThat(handler.calls).hasValue(12);
        assertThat(failures()).as("the 7 flaky attempts, not the 4 during the outage").isEqualTo(7);
    }

    @Test
    void handsPoisonToTheRecovererAtOnce() {
        Script malformed = new Script().then(1, new MalformedMessageException("not an envelope"));
        Script rejected = new Script().then(1, new AmqpRejectAndDontRequeueException("unknown type"));

        assertThatThrownBy(() -> retry.execute(malformed)).isInstanceOf(RetryException.class);
        assertThatThrownBy(() -> retry.execute(rejected)).isInstanceOf(RetryException.class);

        assertThat(malformed.calls).hasValue(1);
        assertThat(rejected.calls).hasValue(1);
    }

    @Test
    void givesTheMessageBackWhenTheApplicationStopsDuringAnOutage() {
        Script handler = new Script().forever(outage());
        CompletableFuture<String> consumer = CompletableFuture.supplyAsync(() -> {
            try {
                return retry.execute(handler);
            } catch (RetryException e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> outages.waiting() == 1);

        outages.stop();

        assertThatThrownBy(consumer::join).hasCauseInstanceOf(ImmediateRequeueAmqpException.class);
        assertThat(outages.waiting()).isZero();
    }

    @Test
    void givesAnyFailedMessageBackOnceTheApplicationIsStopping() {
        outages.stop();
        Script handler = new Script().then(10, new IllegalStateException("client closed"));

        assertThatThrownBy(() -> retry.execute(handler)).isInstanceOf(ImmediateRequeueAmqpException.class);
    }

    @Test
    void givesTheMessageBackWhenItsThreadIsInterruptedDuringTheBoundedBackOff() {
        Script handler = new Script().then(10, new IllegalStateException("flaky"));
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> retry.execute(handler)).isInstanceOf(ImmediateRequeueAmqpException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void givesTheMessageBackWhenItsThreadIsInterrupted() {
        Script handler = new Script().then(10, outage());
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> retry.execute(handler)).isInstanceOf(ImmediateRequeueAmqpException.class);
        } finally {
            Thread.interrupted();
        }
    }
}
