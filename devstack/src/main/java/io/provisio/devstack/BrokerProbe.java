package io.provisio.devstack;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * A test's own hand on the real broker, inside this JVM's {@link TestNamespace}: tap a channel
 * (an exclusive queue bound with {@code #} to the channel's topic exchange) to see what services
 * publish, and publish raw messages, e.g. to replay a duplicate.
 */
public final class BrokerProbe implements AutoCloseable {

    private final CachingConnectionFactory connectionFactory;
    private final RabbitAdmin admin;
    private final RabbitTemplate template;
    private final String namespace;

    private BrokerProbe(String namespace) {
        this.namespace = namespace;
        this.connectionFactory = new CachingConnectionFactory(URI.create(Infrastructure.rabbitUri()));
        this.admin = new RabbitAdmin(connectionFactory);
        this.template = new RabbitTemplate(connectionFactory);
    }

    /** A probe in this JVM's test namespace. */
    public static BrokerProbe connect() {
        return new BrokerProbe(TestNamespace.current());
    }

    /** A probe in an explicit namespace, e.g. of services started as separate processes. */
    public static BrokerProbe connect(String namespace) {
        return new BrokerProbe(namespace);
    }

    /** Starts copying everything published to {@code channel}; returns the tap's queue name. */
    public String tap(String channel) {
        TopicExchange exchange = new TopicExchange(namespace + channel, true, false);
        admin.declareExchange(exchange);
        // Exclusive, not auto-delete: a timed receive cancels its consumer, which would delete an auto-delete queue.
        Queue queue = new Queue(namespace + channel + ".tap-" + java.util.UUID.randomUUID(), false, true, false);
        admin.declareQueue(queue);
        Binding binding = BindingBuilder.bind(queue).to(exchange).with("#");
        admin.declareBinding(binding);
        return queue.getName();
    }

    /** Publishes a JSON body to {@code channel} as the services do (persistent, routing key = exchange). */
    public void publish(String channel, String body) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType("application/json");
        properties.setDeliveryMode(org.springframework.amqp.core.MessageDeliveryMode.PERSISTENT);
        admin.declareExchange(new TopicExchange(namespace + channel, true, false));
        template.send(namespace + channel, namespace + channel,
                new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }

    /** The next message on a tap, as UTF-8 text, waiting at most {@code timeout}. */
    public Optional<String> receive(String tap, Duration timeout) {
        // basic.get polling: no transient consumer whose cancellation could swallow a delivery.
        AtomicReference<Message> received = new AtomicReference<>(template.receive(tap));
        if (received.get() != null) {
            return Optional.of(new String(received.get().getBody(), StandardCharsets.UTF_8));
        }
        try {
            // In this thread: a message fetched just as the time runs out is returned, never dropped.
            Awaitility.await().atMost(timeout).pollInSameThread().pollInterval(Duration.ofMillis(25))
                    .until(() -> received.updateAndGet(m -> m != null ? m : template.receive(tap)) != null);
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
        return Optional.of(new String(received.get().getBody(), StandardCharsets.UTF_8));
    }

    /** How many messages wait in a queue of this namespace ({@code name} without the namespace), 0 if none. */
    public long depth(String queue) {
        java.util.Properties properties = admin.getQueueProperties(namespace + queue);
        return properties == null ? 0 : ((Number) properties.get(RabbitAdmin.QUEUE_MESSAGE_COUNT)).longValue();
    }

    /**
     * The bodies of the messages waiting in a queue of this namespace, left where they are: fetched without
     * acknowledgement on one channel, which is then closed, so the broker puts them all back.
     */
    public java.util.List<String> peek(String queue) {
        return template.execute(channel -> {
            java.util.List<String> bodies = new java.util.ArrayList<>();
            com.rabbitmq.client.GetResponse response;
            while ((response = channel.basicGet(namespace + queue, false)) != null) {
                bodies.add(new String(response.getBody(), StandardCharsets.UTF_8));
            }
            channel.basicRecover(true);
            return bodies;
        });
    }

    @Override
    public void close() {
        connectionFactory.destroy();
    }
}
