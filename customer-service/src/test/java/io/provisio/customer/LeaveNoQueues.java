package io.provisio.customer;

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
 * Deletes the queues and exchanges customer-service's ITs declared once the whole run is over, after closing
 * the shared contexts. Not per class in an {@code @AfterAll}: the IT classes share one cached context, whose
 * consumer lost its queue for good when an earlier class deleted it, so a later class's command published
 * through the broker reached no queue (DomainClaimsIT failed that way in CI).
 */
public final class LeaveNoQueues implements BeforeAllCallback {

    private static final List<String> QUEUES = List.of("saga-replies.customer-service",
            "customer-commands.customer-service");
    private static final List<String> EXCHANGES = List.of("saga-replies", "customer-commands", "identity-commands",
            "subscription-commands", "customer-events", "dry-run-replies", "setup-replies");

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(LeaveNoQueues.class, key -> new Cleanup(), Cleanup.class)
                .contexts.add(SpringExtension.getApplicationContext(context));
    }

    static final class Cleanup implements AutoCloseable {

        private final Set<ApplicationContext> contexts = ConcurrentHashMap.newKeySet();

        @Override
        public void close() {
            contexts.forEach(c -> ((ConfigurableApplicationContext) c).close());
            TestNamespace.delete(QUEUES, EXCHANGES);
        }
    }
}
