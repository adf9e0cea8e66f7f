package io.provisio.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.devstack.TestNamespace;
import io.provisio.identity.contracts.IdentityChannels;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Deletes the queues and exchanges this test run declared, once, when the whole run is over.
 * Not per class in an {@code @AfterAll}: the IT classes share one cached context whose consumer
 * would lose its queue (and its binder would declare it again). So the contexts are closed first,
 * then the namespace's queues are deleted. Also opens the run's {@link Published} taps first.
 */
public final class LeaveNoQueues implements BeforeAllCallback {

    static final List<String> QUEUES = List.of(IdentityChannels.COMMANDS + ".identity-service",
            CustomerChannels.EVENTS + ".identity-service");
    static final List<String> EXCHANGES;

    static {
        List<String> exchanges = new ArrayList<>(List.of(IdentityChannels.COMMANDS, "saga-replies",
                CustomerChannels.DRY_RUN_REPLIES, CustomerChannels.EVENTS, IdentityChannels.SETUP_REPLIES));
        exchanges.addAll(Published.CHANNELS);
        EXCHANGES = List.copyOf(exchanges);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Cleanup cleanup = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(LeaveNoQueues.class, key -> new Cleanup(Published.open()), Cleanup.class);
        cleanup.contexts.add(SpringExtension.getApplicationContext(context));
    }

    static final class Cleanup implements AutoCloseable {

        private final Set<ApplicationContext> contexts = ConcurrentHashMap.newKeySet();
        private final Published published;

        Cleanup(Published published) {
            this.published = published;
        }

        @Override
        public void close() {
            contexts.forEach(c -> ((ConfigurableApplicationContext) c).close());
            published.close();
            TestNamespace.delete(QUEUES, EXCHANGES);
        }
    }
}
