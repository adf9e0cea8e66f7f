package io.provisio.platform.observability;

import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;

/**
 * {@code provisio_messaging_dlq_depth{queue}}: messages waiting in the dead-letter queue of each of
 * this service's consumer bindings ({@code <destination>.<group>.dlq}). Anything above zero is a
 * message that failed every retry and needs a person; the alert rule watches this gauge.
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
        for (Map.Entry<String, BindingProperties> binding : bindings.getBindings().entrySet()) {
            if (!binding.getKey().contains("-in-")) {
                continue;
            }
            BindingProperties properties = bindings.getBindingProperties(binding.getKey());
            if (properties.getDestination() == null || properties.getGroup() == null) {
                continue;
            }
            String dlq = properties.getDestination() + "." + properties.getGroup() + ".dlq";
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
