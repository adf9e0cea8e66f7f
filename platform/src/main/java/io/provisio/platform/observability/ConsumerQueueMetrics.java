package io.provisio.platform.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.platform.deadletter.DeadLetterQueue;
import io.provisio.platform.deadletter.DeadLetterQueues;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.stream.config.BindingServiceProperties;

/**
 * What the alerts read about each of this service's consumer queues ({@code <destination>.<group>}), all
 * registered at start-up so that every series exists from the first scrape:
 * <ul>
 *   <li>{@code provisio_messaging_queue_depth{queue}}: messages waiting in the queue (a backlog that keeps growing
 *       means the replicas do not keep up, or do not consume);</li>
 *   <li>{@code provisio_messaging_dlq_depth{queue}}: messages in its dead-letter queue ({@code <queue>.dlq}).
 *       Anything above zero failed for good and needs a person; operators read and redrive them through
 *       {@code /api/v1/operator/dead-letters} (ADR 010);</li>
 *   <li>{@code provisio_messaging_consumer_failures_total{queue}}: handler attempts that failed, outages apart
 *       ({@link #consumerFailures});</li>
 *   <li>{@code provisio_messaging_redeliveries_total{queue}}: messages the broker delivered again
 *       ({@link #redeliveries}).</li>
 * </ul>
 * The depths are read from the broker when scraped; a broker that cannot be asked gives NaN, not a stale value.
 */
public final class ConsumerQueueMetrics implements SmartInitializingSingleton {

    private final BindingServiceProperties bindings;
    private final RabbitAdmin admin;
    private final MeterRegistry meters;

    public ConsumerQueueMetrics(BindingServiceProperties bindings, RabbitAdmin admin, MeterRegistry meters) {
        this.bindings = bindings;
        this.admin = admin;
        this.meters = meters;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (DeadLetterQueue queue : new DeadLetterQueues(bindings).all()) {
            Gauge.builder("provisio.messaging.queue.depth", () -> depth(queue.queue()))
                    .description("Messages waiting in a consumer queue of this service")
                    .tag("queue", queue.queue()).register(meters);
            Gauge.builder("provisio.messaging.dlq.depth", () -> depth(queue.name()))
                    .description("Messages in a consumer's dead-letter queue")
                    .tag("queue", queue.name()).register(meters);
            consumerFailures(meters, queue.queue());
            redeliveries(meters, queue.queue());
        }
    }

    /** Handler attempts on {@code queue} that failed for any reason but an outage of MongoDB or the broker. */
    public static Counter consumerFailures(MeterRegistry meters, String queue) {
        return Counter.builder("provisio.messaging.consumer.failures")
                .description("Failed handler attempts (retried, dead-lettered once they keep failing); outages apart")
                .tag("queue", queue).register(meters);
    }

    /** Messages the broker delivered on {@code queue} again: a consumer died or gave them back unacknowledged. */
    public static Counter redeliveries(MeterRegistry meters, String queue) {
        return Counter.builder("provisio.messaging.redeliveries")
                .description("Messages delivered again by the broker after an earlier delivery was not acknowledged")
                .tag("queue", queue).register(meters);
    }

    private double depth(String queue) {
        try {
            QueueInformation information = admin.getQueueInfo(queue);
            return information == null ? 0 : information.getMessageCount();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
