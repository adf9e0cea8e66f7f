package io.provisio.platform.consumer;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.provisio.devstack.TestNamespace;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Deletes the test bindings' queues (with their DLQs) and exchanges once the whole run is over, after
 * closing the shared contexts: deleted earlier, a cached context's consumer would lose its queue.
 */
public final class LeaveNoConsumerQueues implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(LeaveNoConsumerQueues.class, key -> new Cleanup(), Cleanup.class)
                .contexts.add(SpringExtension.getApplicationContext(context));
    }

    static final class Cleanup implements AutoCloseable {

        private final Set<ApplicationContext> contexts = ConcurrentHashMap.newKeySet();

        @Override
        public void close() {
            contexts.forEach(c -> ((ConfigurableApplicationContext) c).close());
            TestNamespace.delete(
                    List.of(ConsumerTest.STEADY + "." + ConsumerTest.GROUP, ConsumerTest.QUICK + "." + ConsumerTest.GROUP),
                    List.of(ConsumerTest.STEADY, ConsumerTest.QUICK));
        }
    }
}
