package io.provisio.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import io.provisio.devstack.Infrastructure;
import io.provisio.devstack.TestNamespace;
import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.notification.contracts.NotificationChannels;
import org.awaitility.Awaitility;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What identity-service publishes outside the saga, seen on the real broker for the whole test run:
 * {@code identity-events}, {@code notification-commands} and {@code customer-commands} (the setup page's
 * CompleteSetup) are tapped once, before the service starts, standing in for the other services (whose queues
 * make them routable in a real deployment; the outbox relay treats an unroutable message as not sent).
 */
public final class Published implements AutoCloseable {

    public static final List<String> CHANNELS = List.of(IdentityChannels.EVENTS, NotificationChannels.COMMANDS,
            CustomerChannels.COMMANDS);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static Published run;

    private final CachingConnectionFactory connection =
            new CachingConnectionFactory(URI.create(Infrastructure.rabbitUri()));
    private final RabbitTemplate template = new RabbitTemplate(connection);
    private final List<String> taps = new ArrayList<>();
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();

    /**
     * Exclusive queues bound with {@code #}, read with plain {@code basic.get}: unlike a timed receive, a
     * get never takes a message and then gives up on it.
     */
    private Published() {
        RabbitAdmin admin = new RabbitAdmin(connection);
        for (String channel : CHANNELS) {
            TopicExchange exchange = new TopicExchange(TestNamespace.current() + channel, true, false);
            admin.declareExchange(exchange);
            Queue queue = new Queue(exchange.getName() + ".identity-tests-" + UUID.randomUUID(), false, true, false);
            admin.declareQueue(queue);
            admin.declareBinding(BindingBuilder.bind(queue).to(exchange).with("#"));
            taps.add(queue.getName());
        }
    }

    static synchronized Published open() {
        if (run == null) {
            run = new Published();
        }
        return run;
    }

    /** The run's taps; opened by {@link LeaveNoQueues} before the first context starts. */
    public static Published messages() {
        return open();
    }

    /** Waits for {@code count} envelopes of {@code type} whose payload matches, and returns them. */
    public List<JsonNode> await(String type, Predicate<JsonNode> payload, int count) {
        Awaitility.await(type).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            drain();
            return matching(type, payload).size() >= count;
        });
        return matching(type, payload);
    }

    /** Every envelope of {@code type} whose payload matches, received so far. */
    public List<JsonNode> matching(String type, Predicate<JsonNode> payload) {
        drain();
        return received.stream().filter(e -> type.equals(e.get("type").asString()))
                .filter(e -> payload.test(e.get("payload"))).toList();
    }

    private synchronized void drain() {
        for (String tap : taps) {
            Message next;
            while ((next = template.receive(tap)) != null) {
                received.add(JSON.readTree(new String(next.getBody(), StandardCharsets.UTF_8)));
            }
        }
    }

    @Override
    public void close() {
        connection.destroy();
    }
}
