package io.provisio.gateway.ratelimit;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes Redis outages visible without a log line per request: every request decided by the replica's own budget
 * because Redis did not answer is counted ({@code provisio_gateway_rate_limit_fallbacks_total}, registered at zero
 * so an alert can compare it), and only the change between answering and not answering is logged.
 */
final class SharedBudgetOutages {

    private static final Logger log = LoggerFactory.getLogger(SharedBudgetOutages.class);

    private final Counter fallbacks;
    private final AtomicBoolean down = new AtomicBoolean();

    SharedBudgetOutages(MeterRegistry meters) {
        this.fallbacks = Counter.builder("provisio.gateway.rate.limit.fallbacks")
                .description("Requests whose rate limit this replica decided alone because Redis did not answer")
                .register(meters);
    }

    void failedOver() {
        fallbacks.increment();
        if (down.compareAndSet(false, true)) {
            log.warn("Redis does not answer: each gateway replica keeps its own rate-limit budgets until it does"
                    + " (set logging.level.org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter=error"
                    + " to log each failure)");
        }
    }

    void answered() {
        if (down.compareAndSet(true, false)) {
            log.info("Redis answers again: rate-limit budgets are shared by every gateway replica");
        }
    }
}
