package io.provisio.platform.observability;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The saga metrics on-call dashboards and alerts read (ARCHITECTURE.md, "Observability"):
 * <ul>
 *   <li>{@code provisio_saga_started_total}, {@code provisio_saga_completed_total},
 *       {@code provisio_saga_compensated_total}, {@code provisio_saga_failed_total{failed_step,code}};</li>
 *   <li>{@code provisio_saga_duration_seconds{outcome}} and {@code provisio_saga_step_duration_seconds{step,outcome}}
 *       histograms, with the explicit buckets {@link #BUCKETS} (50 ms to 30 min);</li>
 *   <li>{@code provisio_saga_in_flight} and {@code provisio_saga_stuck} gauges (stuck: waiting well past
 *       its deadline, or a step or compensation whose command keeps going unanswered: page someone).</li>
 * </ul>
 * All carry {@code saga} (the saga's name), so one dashboard serves every saga.
 *
 * <p>Every series an alert reads exists from the start, at zero: the counters, each known step's known failure
 * codes, and the saga histograms. A counter that first appears with its first increment has no earlier sample,
 * so {@code increase()} cannot see that increment, and an alert on it misses the first failure after every start.
 * A failure code nobody listed still gets its series, from its first use on.
 */
public final class SagaMetrics {

    /**
     * Histogram buckets of saga and step durations. Micrometer's default percentile histogram of a timer ends at
     * 30 s, so no quantile computed from it could exceed 30 s, and an alert on slow sagas could never fire; a
     * step may legitimately wait minutes (re-sends), and its deadline is 15 minutes by default.
     */
    public static final List<Duration> BUCKETS = Stream.of(50L, 100L, 250L, 500L, 1_000L, 2_500L, 5_000L, 10_000L,
            30_000L, 60_000L, 120_000L, 300_000L, 600_000L, 900_000L, 1_800_000L).map(Duration::ofMillis).toList();
    /** The same, as the timer builder takes them: built once, not at every recording. */
    private static final Duration[] SERVICE_LEVEL_OBJECTIVES = BUCKETS.toArray(Duration[]::new);

    private final MeterRegistry meters;
    private final String saga;

    /**
     * @param failureCodes per step, the failure codes its owner may answer (including a time-out), registered at
     *                     zero so the first failure of each is seen by {@code increase()}
     */
    public SagaMetrics(MeterRegistry meters, String saga, Supplier<Number> inFlight, Supplier<Number> stuck,
                       Map<String, ? extends Collection<String>> failureCodes) {
        this.meters = meters;
        this.saga = saga;
        Gauge.builder("provisio.saga.in_flight", inFlight)
                .description("Sagas in progress or compensating")
                .tag("saga", saga).register(meters);
        Gauge.builder("provisio.saga.stuck", stuck)
                .description("Sagas overdue by more than a minute, or waiting on a command sent 4 times or more")
                .tag("saga", saga).register(meters);
        startedCounter();
        completedCounter();
        compensatedCounter();
        sweepFailures();
        failureCodes.forEach((step, codes) -> codes.forEach(code -> failedCounter(step, code)));
        durationTimer("COMPLETED");
        durationTimer("FAILED");
    }

    public void started() {
        startedCounter().increment();
    }

    public void stepFinished(String step, String outcome, Duration duration) {
        timer(Timer.builder("provisio.saga.step.duration").description("Time from a step's command to its reply")
                .tags("saga", saga, "step", step, "outcome", outcome)).record(duration);
    }

    public void completed(Duration duration) {
        completedCounter().increment();
        durationTimer("COMPLETED").record(duration);
    }

    /** A saga whose every completed step was undone; {@code failedStep} and {@code code} say why. */
    public void failed(String failedStep, String code, Duration duration) {
        compensatedCounter().increment();
        failedCounter(failedStep, code).increment();
        durationTimer("FAILED").record(duration);
    }

    /** A saga input (deadline) that could not be handled and will be retried. */
    public void sweepFailed() {
        sweepFailures().increment();
    }

    private Counter startedCounter() {
        return counter("provisio.saga.started", "Sagas started");
    }

    private Counter completedCounter() {
        return counter("provisio.saga.completed", "Sagas completed");
    }

    private Counter compensatedCounter() {
        return counter("provisio.saga.compensated", "Sagas whose completed steps were all compensated");
    }

    private Counter sweepFailures() {
        return counter("provisio.saga.sweep.failures", "Deadline sweeps of one saga that failed");
    }

    private Counter failedCounter(String failedStep, String code) {
        return Counter.builder("provisio.saga.failed").description("Sagas failed, by the step that failed and its code")
                .tags("saga", saga, "failed_step", failedStep, "code", code).register(meters);
    }

    private Timer durationTimer(String outcome) {
        return timer(Timer.builder("provisio.saga.duration").description("Time from a saga's start to its end")
                .tags("saga", saga, "outcome", outcome));
    }

    private Timer timer(Timer.Builder builder) {
        return builder.serviceLevelObjectives(SERVICE_LEVEL_OBJECTIVES)
                .minimumExpectedValue(BUCKETS.getFirst()).maximumExpectedValue(BUCKETS.getLast())
                .register(meters);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).tag("saga", saga).register(meters);
    }
}
