package io.provisio.platform.messaging.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.cloud.stream.binder.ConsumerProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.platform.observability.ConsumerQueueMetrics;
import org.springframework.cloud.stream.config.ConsumerEndpointCustomizer;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.integration.amqp.inbound.AmqpInboundChannelAdapter;

/**
 * Gives every RabbitMQ consumer binding with retries ({@code max-attempts} above 1) a {@link ConsumerRetry}
 * instead of the binder's own retry template. The bounded part is built from the binding's consumer
 * properties exactly as the binder builds it ({@code max-attempts}, {@code back-off-*},
 * {@code retryable-exceptions}), so the settings in {@code provisio-platform-defaults.yml} and any
 * per-binding override keep their meaning; {@link FailureClassifier} takes outages and poison out of it.
 * A binding with {@code max-attempts: 1} (e.g. the dry-run answers, worthless once late) is left alone.
 */
public final class ConsumerRetryCustomizer implements ConsumerEndpointCustomizer<AmqpInboundChannelAdapter> {

    private final BindingServiceProperties bindings;
    private final ConsumerOutages outages;
    private final MeterRegistry meters;

    public ConsumerRetryCustomizer(BindingServiceProperties bindings, ConsumerOutages outages, MeterRegistry meters) {
        this.bindings = bindings;
        this.outages = outages;
        this.meters = meters;
    }

    /** Called by the binder for each consumer binding, after it set its own retry template, before start. */
    @Override
    public void configure(AmqpInboundChannelAdapter adapter, String destination, String group) {
        ConsumerProperties consumer = consumerProperties(destination, group);
        if (consumer.getMaxAttempts() <= 1) {
            return;
        }
        String queue = destination + "." + group;
        adapter.setRetryTemplate(new ConsumerRetry(queue, bounded(consumer), outages,
                ConsumerQueueMetrics.consumerFailures(meters, queue)));
    }

    static RetryPolicy bounded(ConsumerProperties consumer) {
        List<Class<? extends Throwable>> includes = new ArrayList<>();
        List<Class<? extends Throwable>> excludes = new ArrayList<>();
        for (Map.Entry<Class<? extends Throwable>, Boolean> entry : consumer.getRetryableExceptions().entrySet()) {
            (entry.getValue() ? includes : excludes).add(entry.getKey());
        }
        return RetryPolicy.builder()
                .maxRetries(Math.max(0, consumer.getMaxAttempts() - 1))
                .delay(Duration.ofMillis(consumer.getBackOffInitialInterval()))
                .multiplier(consumer.getBackOffMultiplier())
                .maxDelay(Duration.ofMillis(consumer.getBackOffMaxInterval()))
                .includes(includes)
                .excludes(excludes)
                .predicate(failure -> FailureClassifier.classify(failure) == FailureClassifier.Failure.RETRY)
                .build();
    }

    /** The binding behind a destination and group; the defaults if none is declared (nothing else binds). */
    private ConsumerProperties consumerProperties(String destination, String group) {
        for (String name : bindings.getBindings().keySet()) {
            if (name.contains("-in-") && Objects.equals(bindings.getBindingDestination(name), destination)
                    && Objects.equals(bindings.getGroup(name), group)
                    && bindings.getConsumerProperties(name) != null) {
                return bindings.getConsumerProperties(name);
            }
        }
        return bindings.getConsumerProperties(destination);
    }
}
