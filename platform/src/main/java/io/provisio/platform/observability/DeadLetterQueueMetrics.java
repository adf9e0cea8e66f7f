package io.provisio.platform.observability;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.platform.deadletter.DeadLetterQueue;
import io.provisio.platform.deadletter.DeadLetterQueues;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.stream.config.BindingServiceProperties;

/**
 * {@code provisio_messaging_dlq_depth{queue}}: messages waiting in the dead-letter queue of each of
 * this service's consumer bindings ({@code <destination>.<group>.dlq}). Anything above zero is a
 * message that failed for good and needs a person; the alert rule watches this gauge. Operators read
 * and redrive them through {@code /api/v1/operator/dead-letters} (ADR 010).
 */
public final class DeadLetterQueueMetrics implements SmartInitializingSingleton {

    private final BindingServiceProperties bindings;
    private final RabbitAdmin admin;
    private final MeterRegistry meters;

    public DeadLetterQueueMetrics(BindingServiceProperties bindings, RabbitAdmin admin, MeterRegistry meters) {
        this.bindings = bindings;
        this.admin = admin;
        this.meters = meters;
    }

    @Override
    public void afterSingletonsInstantiated() {
        for (DeadLetterQueue queue : new DeadLetterQueues(bindings).all()) {
            String dlq = queue.name();
            Gauge.builder("provisio.messaging.dlq.depth", () -> depth(dlq))
                    .description("Messages in a consumer's dead-letter queue")
                    .tag("queue", dlq).register(meters);
        }
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
