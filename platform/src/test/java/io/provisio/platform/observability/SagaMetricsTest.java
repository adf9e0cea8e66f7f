package io.provisio.platform.observability;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the alerts need from the saga metrics: every series they read exists at zero before the first saga, and
 * the duration histograms reach far enough (30 min) for a quantile above 30 s to be computed at all.
 */
class SagaMetricsTest {

    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final SagaMetrics metrics = new SagaMetrics(meters, "onboarding", () -> 0, () -> 0,
            Map.of("ASSIGN_PLANS", List.of("INSUFFICIENT_LICENSES", "STEP_TIMEOUT"), "ACTIVATE_CUSTOMER", List.of()));

    @Test
    void registersEveryCounterAndEveryKnownFailureAtZero() {
        String scrape = meters.scrape();

        assertThat(scrape).contains(
                "provisio_saga_started_total{saga=\"onboarding\"} 0.0",
                "provisio_saga_completed_total{saga=\"onboarding\"} 0.0",
                "provisio_saga_compensated_total{saga=\"onboarding\"} 0.0",
                "provisio_saga_failed_total{code=\"STEP_TIMEOUT\",failed_step=\"ASSIGN_PLANS\",saga=\"onboarding\"} 0.0",
                "provisio_saga_failed_total{code=\"INSUFFICIENT_LICENSES\",failed_step=\"ASSIGN_PLANS\",saga=\"onboarding\"} 0.0",
                "provisio_saga_duration_seconds_count{outcome=\"COMPLETED\",saga=\"onboarding\"} 0");
    }

    @Test
    void countsAFailureOnTheSeriesThatExistedAtZero() {
        metrics.failed("ASSIGN_PLANS", "STEP_TIMEOUT", Duration.ofMinutes(15));
        metrics.failed("CREATE_ADMINISTRATOR", "SOMETHING_NEW", Duration.ofSeconds(1));

        assertThat(meters.counter("provisio.saga.failed", "saga", "onboarding", "failed_step", "ASSIGN_PLANS",
                "code", "STEP_TIMEOUT").count()).isEqualTo(1);
        assertThat(meters.counter("provisio.saga.failed", "saga", "onboarding", "failed_step", "CREATE_ADMINISTRATOR",
                "code", "SOMETHING_NEW").count()).as("an unlisted code gets its series on first use").isEqualTo(1);
        assertThat(meters.counter("provisio.saga.compensated", "saga", "onboarding").count()).isEqualTo(2);
    }

    @Test
    void bucketsSagaDurationsUpToHalfAnHour() {
        metrics.completed(Duration.ofMinutes(5));
        metrics.stepFinished("ASSIGN_PLANS", "SUCCEEDED", Duration.ofMinutes(4));

        for (Timer timer : List.of(meters.get("provisio.saga.duration").tag("outcome", "COMPLETED").timer(),
                meters.get("provisio.saga.step.duration").tag("step", "ASSIGN_PLANS").timer())) {
            CountAtBucket[] buckets = timer.takeSnapshot().histogramCounts();
            assertThat(buckets).extracting(b -> b.bucket(TimeUnit.SECONDS))
                    .contains(30.0, 60.0, 300.0, 600.0, 1800.0);
            // Five minutes lands above 30 s: a p95 of several minutes is visible to ProvisioSagaSlow.
            assertThat(buckets).filteredOn(b -> b.bucket(TimeUnit.SECONDS) == 30.0)
                    .singleElement().extracting(CountAtBucket::count).isEqualTo(0.0);
            assertThat(buckets).filteredOn(b -> b.bucket(TimeUnit.SECONDS) == 300.0)
                    .singleElement().extracting(CountAtBucket::count).isEqualTo(1.0);
        }
    }
}
