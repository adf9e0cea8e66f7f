package io.provisio.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;
import com.rabbitmq.client.ShutdownSignalException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The services' broker users as {@code deploy/local/rabbitmq-users.sh} makes them from
 * {@code deploy/broker-permissions.tsv}, against the real broker: each service can declare, bind, consume and
 * publish what its bindings, outbox and dead-letter API need, and is refused (ACCESS_REFUSED) another service's
 * exchanges and queues.
 */
class BrokerUsersIT {

    /** Each service's consumer bindings (destination; group = service) and what it publishes, as its application.yml. */
    private static final Map<String, List<String>> CONSUMES = Map.of(
            "customer-service", List.of("customer-commands", "saga-replies"),
            "identity-service", List.of("identity-commands", "customer-events"),
            "subscription-service", List.of("subscription-commands", "identity-events", "customer-events"),
            "notification-service", List.of("notification-commands", "subscription-events", "identity-events",
                    "customer-events"));
    private static final Map<String, List<String>> PUBLISHES = Map.of(
            "customer-service", List.of("customer-events", "customer-commands", "saga-replies", "identity-commands",
                    "subscription-commands", "notification-commands", "setup-replies"),
            "identity-service", List.of("identity-events", "notification-commands", "customer-commands", "saga-replies",
                    "dry-run-replies"),
            "subscription-service", List.of("subscription-events", "saga-replies", "dry-run-replies"),
            "notification-service", List.of("saga-replies", "customer-commands"));
    private static final String DLX = "DLX";
    private static final int ACCESS_REFUSED = 403;

    private static BrokerUsers users;
    private static final Map<String, Connection> connections = new HashMap<>();

    @BeforeAll
    static void createUsersAndDeclareEveryServicesTopologyAsThatService() throws Exception {
        assumeThat(BrokerUsers.available()).as("rabbitmqctl for the test broker on this machine").isTrue();
        users = BrokerUsers.create();
        assertThat(users.services()).containsExactlyInAnyOrderElementsOf(CONSUMES.keySet());
        for (String service : users.services()) {
            connections.put(service, users.connectionFactory(service).newConnection(service));
        }
        for (String service : users.services()) {
            try (Channel channel = connections.get(service).createChannel()) {
                for (String destination : CONSUMES.get(service)) {
                    declareConsumerBinding(channel, destination, destination + "." + service);
                }
                for (String destination : PUBLISHES.get(service)) {
                    channel.exchangeDeclare(destination, BuiltinExchangeType.TOPIC, true);
                }
                if (service.equals("customer-service")) {
                    // Each instance's dry-run reply queue: non-durable, expires, no DLQ.
                    channel.exchangeDeclare("dry-run-replies", BuiltinExchangeType.TOPIC, true);
                    String queue = "dry-run-replies.customer-service-" + UUID.randomUUID();
                    channel.queueDeclare(queue, false, false, false, Map.of("x-expires", 60000));
                    channel.queueBind(queue, "dry-run-replies", "#");
                }
                if (service.equals("identity-service")) {
                    // Each instance's reply queue for the setup page's sub-domain questions (ADR 026), the same kind.
                    channel.exchangeDeclare("setup-replies", BuiltinExchangeType.TOPIC, true);
                    String queue = "setup-replies.identity-service-" + UUID.randomUUID();
                    channel.queueDeclare(queue, false, false, false, Map.of("x-expires", 60000));
                    channel.queueBind(queue, "setup-replies", "#");
                }
            }
        }
    }

    @AfterAll
    static void deleteUsers() throws IOException {
        for (Connection connection : connections.values()) {
            connection.close();
        }
        if (users != null) {
            users.close();
        }
    }

    @Test
    void aServicePublishesWhereItsOutboxSendsAndTheConsumerReadsItFromItsOwnQueue() throws Exception {
        for (Map.Entry<String, List<String>> entry : PUBLISHES.entrySet()) {
            for (String destination : entry.getValue()) {
                publishConfirmed(entry.getKey(), destination, destination, "{}");
            }
        }
        String body = "{\"type\":\"CreateAdministrator\",\"id\":\"" + UUID.randomUUID() + "\"}";
        publishConfirmed("customer-service", "identity-commands", "identity-commands", body);

        assertThat(drainFor(body, "identity-service", "identity-commands.identity-service")).isTrue();
    }

    @Test
    void aServiceDeadLettersReadsItsDlqAndRedrivesThroughItsQueuesOwnExchange() throws Exception {
        String queue = "saga-replies.customer-service";
        String body = "{\"poison\":\"" + UUID.randomUUID() + "\"}";
        // The binder's republish-to-dlq: the shared dead-letter exchange, routing key = the queue.
        publishConfirmed("customer-service", DLX, queue, body);
        assertThat(drainFor(body, "customer-service", queue + ".dlq")).isTrue();

        String redrive = queue + ".redrive";
        try (Channel channel = connections.get("customer-service").createChannel()) {
            channel.exchangeDeclare(redrive, BuiltinExchangeType.FANOUT, true, true, null);
            channel.queueBind(queue, redrive, "");
        }
        publishConfirmed("customer-service", redrive, queue, body);
        assertThat(drainFor(body, "customer-service", queue)).isTrue();

        assertRefused(() -> publishConfirmed("identity-service", redrive, queue, body));
    }

    @Test
    void aServiceCannotPublishToExchangesItHasNoBusinessWith() {
        assertRefused(() -> publishConfirmed("customer-service", "identity-events", "identity-events", "{}"));
        assertRefused(() -> publishConfirmed("identity-service", "customer-events", "customer-events", "{}"));
        assertRefused(() -> publishConfirmed("notification-service", "identity-commands", "identity-commands", "{}"));
        assertRefused(() -> publishConfirmed("subscription-service", "identity-commands", "identity-commands", "{}"));
        assertRefused(() -> publishConfirmed("notification-service", "dry-run-replies", "dry-run-replies", "{}"));
        // The default exchange reaches every queue by name: nobody may write to it.
        assertRefused(() -> publishConfirmed("customer-service", "", "identity-commands.identity-service", "{}"));
        assertRefused(() -> publishConfirmed("identity-service", "", "identity-commands.identity-service", "{}"));
    }

    @Test
    void aServiceCannotReadAnotherServicesQueuesNorTapItsExchanges() {
        assertRefused(() -> withChannel("customer-service",
                channel -> channel.basicGet("identity-commands.identity-service", false)));
        assertRefused(() -> withChannel("customer-service", channel -> channel.basicConsume(
                "identity-commands.identity-service", false, (tag, delivery) -> { }, tag -> { })));
        assertRefused(() -> withChannel("notification-service",
                channel -> channel.basicGet("saga-replies.customer-service.dlq", false)));
        // A queue of its own on someone else's channel: not its name, so not its queue...
        assertRefused(() -> withChannel("identity-service",
                channel -> channel.queueDeclare("customer-commands.identity-service", true, false, false, null)));
        // ...and its own queue bound to an exchange it has no business reading.
        assertRefused(() -> withChannel("identity-service",
                channel -> channel.queueBind("identity-commands.identity-service", "subscription-events", "#")));
        assertRefused(() -> withChannel("subscription-service",
                channel -> channel.queueDelete("identity-events.notification-service")));
    }

    /** What the RabbitMQ binder declares for a consumer binding with a DLQ (auto-bind-dlq). */
    private static void declareConsumerBinding(Channel channel, String destination, String queue) throws IOException {
        channel.exchangeDeclare(destination, BuiltinExchangeType.TOPIC, true);
        channel.exchangeDeclare(DLX, BuiltinExchangeType.DIRECT, true);
        channel.queueDeclare(queue + ".dlq", true, false, false, null);
        channel.queueBind(queue + ".dlq", DLX, queue);
        channel.queueDeclare(queue, true, false, false,
                Map.of("x-dead-letter-exchange", DLX, "x-dead-letter-routing-key", queue));
        channel.queueBind(queue, destination, "#");
    }

    private static void publishConfirmed(String service, String exchange, String routingKey, String body)
            throws Exception {
        withChannel(service, channel -> {
            channel.confirmSelect();
            channel.basicPublish(exchange, routingKey, MessageProperties.PERSISTENT_TEXT_PLAIN,
                    body.getBytes(StandardCharsets.UTF_8));
            channel.waitForConfirmsOrDie(10_000);
            return null;
        });
    }

    /** Takes every message from {@code queue} as {@code service}; whether one of them was {@code body}. */
    private static boolean drainFor(String body, String service, String queue) throws Exception {
        return withChannel(service, channel -> {
            boolean found = false;
            GetResponse response;
            while ((response = channel.basicGet(queue, true)) != null) {
                found |= new String(response.getBody(), StandardCharsets.UTF_8).equals(body);
            }
            return found;
        });
    }

    private interface ChannelCall<T> {
        T call(Channel channel) throws Exception;
    }

    private static <T> T withChannel(String service, ChannelCall<T> call) throws Exception {
        Channel channel = connections.get(service).createChannel();
        try {
            return call.call(channel);
        } finally {
            if (channel.isOpen()) {
                channel.close();
            }
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static void assertRefused(Call call) {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).as("refused by the broker").isNotNull();
        ShutdownSignalException signal = null;
        for (Throwable t = thrown; t != null && signal == null; t = t.getCause()) {
            if (t instanceof ShutdownSignalException s) {
                signal = s;
            }
        }
        assertThat(signal).as("a channel closed by the broker, in %s", thrown).isNotNull();
        assertThat(signal.getReason()).isInstanceOfSatisfying(AMQP.Channel.Close.class,
                close -> assertThat(close.getReplyCode()).as(close.getReplyText()).isEqualTo(ACCESS_REFUSED));
    }
}
