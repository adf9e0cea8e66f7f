package io.provisio.devstack;

import java.util.Collection;
import java.util.UUID;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;

/**
 * One prefix for every exchange and queue a test JVM declares (e.g. {@code t3f9a1c2-}), so a
 * test run never consumes what the local run or an earlier, interrupted run left in the broker.
 * The queues are durable quorum queues, so the run deletes them again when it is done.
 */
public final class TestNamespace {

    private static final String CURRENT = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";

    private TestNamespace() {
    }

    public static String current() {
        return CURRENT;
    }

    /** Deletes the namespace's queues (with their dead-letter queues) and exchanges. */
    public static void delete(Collection<String> queues, Collection<String> exchanges) {
        CachingConnectionFactory connectionFactory = new CachingConnectionFactory(
                java.net.URI.create(Infrastructure.rabbitUri()));
        try {
            RabbitAdmin admin = new RabbitAdmin(connectionFactory);
            for (String queue : queues) {
                admin.deleteQueue(CURRENT + queue);
                admin.deleteQueue(CURRENT + queue + ".dlq");
            }
            for (String exchange : exchanges) {
                admin.deleteExchange(CURRENT + exchange);
            }
        } finally {
            connectionFactory.destroy();
        }
    }
}
