package io.provisio.platform.deadletter;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;

/**
 * The dead-letter queues of this service's consumer bindings, derived the way the binder names them.
 * Only these can be read or redriven through this service: a queue name from a request is looked up here,
 * never passed to the broker as it came.
 */
public final class DeadLetterQueues {

    private final BindingServiceProperties bindings;

    public DeadLetterQueues(BindingServiceProperties bindings) {
        this.bindings = bindings;
    }

    /**
     * Every consumer binding's DLQ name, whether or not the broker has it: a binding with
     * {@code auto-bind-dlq: false} has none, which only asking the broker tells.
     */
    public List<DeadLetterQueue> all() {
        List<DeadLetterQueue> queues = new ArrayList<>();
        for (String name : bindings.getBindings().keySet()) {
            if (!name.contains("-in-")) {
                continue;
            }
            BindingProperties binding = bindings.getBindingProperties(name);
            if (binding.getDestination() != null && binding.getGroup() != null) {
                queues.add(DeadLetterQueue.of(binding.getDestination(), binding.getGroup()));
            }
        }
        return queues;
    }

    public Optional<DeadLetterQueue> find(String name) {
        return all().stream().filter(queue -> queue.name().equals(name)).findFirst();
    }
}
