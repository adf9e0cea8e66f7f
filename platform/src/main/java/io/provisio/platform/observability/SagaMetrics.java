package io.provisio.platform.observability;

import java.time.Duration;
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
 *       histograms;</li>
 *   <li>{@code provisio_saga_in_flight} and {@code provisio_saga_stuck} gauges (stuck: waiting well past
 *       its deadline, or a step or compensation whose command keeps going unanswered: page someone).</li>
 * </ul>
 * All carry {@code saga} (the saga's name), so one dashboard serves every saga.
 */
public final class SagaMetrics {

    private final MeterRegistry meters;
    private final String saga;

    public SagaMetrics(MeterRegistry meters, String saga, Supplier<Number> inFlight, Supplier<Number> stuck) {
        this.meters = meters;
        this.saga = saga;
        Gauge.builder("provisio.saga.in_flight", inFlight)
                .description("Sagas in progress or compensating")
                .tag("saga", saga).register(meters);
        Gauge.builder("provisio.saga.stuck", stuck)
                .description("Sagas overdue by more than a minute, or waiting on a command sent 4 times or more")
                .tag("saga", saga).register(meters);
    }

    public void started() {
        counter("provisio.saga.started", "Sagas started").increment();
    }

    public void stepFinished(String step, String outcome, Duration duration) {
        Timer.builder("provisio.saga.step.duration").description("Time from a step's command to its reply")
                .tags("saga", saga, "step", step, "outcome", outcome)
                .publishPercentileHistogram().register(meters).record(duration);
    }

    public void completed(Duration duration) {
        counter("provisio.saga.completed", "Sagas completed").increment();
        duration("COMPLETED", duration);
    }

    /** A saga whose every completed step was undone; {@code failedStep} and {@code code} say why. */
    public void failed(String failedStep, String code, Duration duration) {
        counter("provisio.saga.compensated", "Sagas whose completed steps were all compensated").increment();
        Counter.builder("provisio.saga.failed").description("Sagas failed, by the step that failed and its code")
                .tags("saga", saga, "failed_step", failedStep, "code", code).register(meters).increment();
        duration("FAILED", duration);
    }

    /** A saga input (deadline) that could not be handled and will be retried. */
    public void sweepFailed() {
        counter("provisio.saga.sweep.failures", "Deadline sweeps of one saga that failed").increment();
    }

    private void duration(String outcome, Duration duration) {
        Timer.builder("provisio.saga.duration").description("Time from a saga's start to its end")
                .tags("saga", saga, "outcome", outcome)
                .publishPercentileHistogram().register(meters).record(duration);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).description(description).tag("saga", saga).register(meters);
    }
}
