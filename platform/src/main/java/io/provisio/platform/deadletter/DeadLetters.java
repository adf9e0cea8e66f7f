package io.provisio.platform.deadletter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MalformedMessageException;
import io.provisio.platform.messaging.MessageCodec;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;
import org.springframework.amqp.rabbit.support.MessagePropertiesConverter;

/**
 * Reads and redrives dead letters over AMQP (the management API is not available everywhere we run).
 * <p>
 * <b>Reading</b> takes messages with {@code basic.get} without acknowledging them and gives all of them back
 * with one {@code basic.nack(multiple, requeue)}: nothing is consumed, and the order is kept. On RabbitMQ
 * 4.0–4.2 every such return counts towards a quorum queue's delivery limit (20 by default) and a DLQ has no
 * dead-letter queue of its own, so there the DLQs need a policy without a limit (ADR 010); 3.x (no default
 * limit) and 4.3+ (a nack is not a failed delivery) need nothing.
 * <p>
 * <b>Redriving</b> publishes a copy of each message straight to the queue it came from, mandatory and confirmed,
 * and only then acknowledges it in the DLQ. Straight to the queue, not to the original exchange: other services'
 * queues bound there already have their copy. The way to the queue is the queue's own redrive exchange
 * ({@link DeadLetterQueue#redriveExchange()}, fanout, bound to that queue alone, deleted with it), not the
 * default exchange: a service allowed to write there could publish to every queue of the vhost (ADR 013).
 * A crash between the confirm and the acknowledgement leaves the message in both places; consumers are
 * idempotent (ADR 002), so a second redrive is harmless.
 */
public final class DeadLetters {

    /** Headers the binder adds when it dead-letters; a redriven message that fails again gets new ones. */
    private static final List<String> FAILURE_HEADERS = List.of("x-exception-stacktrace", "x-exception-message",
            "x-original-exchange", "x-original-routingKey");
    private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

    private final RabbitAdmin admin;
    private final RabbitTemplate reader;
    private final RabbitTemplate publisher;
    private final MessageCodec codec;
    private final MessagePropertiesConverter properties = new DefaultMessagePropertiesConverter();

    public DeadLetters(ConnectionFactory connectionFactory, MessageCodec codec) {
        this.admin = new RabbitAdmin(connectionFactory);
        this.reader = new RabbitTemplate(connectionFactory);
        this.publisher = new RabbitTemplate(connectionFactory);
        // A return means the source queue is gone: the message must then stay in the DLQ.
        this.publisher.setMandatory(true);
        this.codec = codec;
    }

    /** Messages ready in a queue, or empty if the broker has no such queue. */
    public OptionalLong depth(String queue) {
        QueueInformation information = admin.getQueueInfo(queue);
        return information == null ? OptionalLong.empty() : OptionalLong.of(information.getMessageCount());
    }

    /** Up to {@code limit} messages after the first {@code skip}, oldest first, none of them consumed. */
    public List<DeadLetter> peek(String queue, int skip, int limit) {
        return reader.execute(channel -> {
            List<DeadLetter> page = new ArrayList<>();
            long lastTag = -1;
            try {
                for (long i = 0; i < (long) skip + limit; i++) {
                    GetResponse response = channel.basicGet(queue, false);
                    if (response == null) {
                        break;
                    }
                    lastTag = response.getEnvelope().getDeliveryTag();
                    if (i >= skip) {
                        page.add(view(message(response)));
                    }
                }
            } finally {
                giveBack(channel, queue, lastTag);
            }
            return page;
        });
    }

    /**
     * What a redrive did.
     *
     * @param messageIds the messages moved back to their queue
     * @param remaining  messages that were in the DLQ when it began and are still there (not asked for, beyond
     *                   the maximum, or refused); what arrived meanwhile is not counted
     * @param failure    set when the broker did not take a copy; that message stayed in the DLQ
     */
    public record Redrive(List<String> messageIds, long remaining, String failure) {
    }

    /**
     * Moves messages from {@code dlq} back to its queue: those with the given envelope message ids, or all of
     * them if {@code messageIds} is empty, at most {@code max}. Only messages present when it starts are
     * looked at, so one that fails again and comes back meanwhile is not sent round a second time.
     */
    public Redrive redrive(DeadLetterQueue dlq, Set<String> messageIds, int max) {
        long present = depth(dlq.name()).orElse(0);
        if (present > 0) {
            try {
                declareRedriveExchange(dlq);
            } catch (AmqpException e) {
                return new Redrive(List.of(), present, "any of them: queue " + dlq.queue() + " could not be bound to "
                        + dlq.redriveExchange() + " (" + e.getMessage() + ")");
            }
        }
        return reader.execute(channel -> {
            List<String> moved = new ArrayList<>();
            long lastKept = -1;
            String failure = null;
            try {
                for (long i = 0; i < present && moved.size() < max; i++) {
                    GetResponse response = channel.basicGet(dlq.name(), false);
                    if (response == null) {
                        break;
                    }
                    long tag = response.getEnvelope().getDeliveryTag();
                    Message message = message(response);
                    String id = view(message).messageId();
                    if (!messageIds.isEmpty() && !messageIds.contains(id)) {
                        lastKept = tag;
                        continue;
                    }
                    try {
                        publishConfirmed(dlq, withoutFailureHeaders(message));
                    } catch (AmqpException | RedriveRefused e) {
                        lastKept = tag;
                        failure = id + ": " + e.getMessage();
                        break;
                    }
                    channel.basicAck(tag, false);
                    moved.add(id);
                }
            } finally {
                giveBack(channel, dlq.name(), lastKept);
            }
            return new Redrive(moved, Math.max(0, present - moved.size()), failure);
        });
    }

    /** Idempotent; fails if the source queue is gone. Auto-delete: it goes when its queue is deleted. */
    private void declareRedriveExchange(DeadLetterQueue dlq) {
        FanoutExchange exchange = new FanoutExchange(dlq.redriveExchange(), true, true);
        admin.declareExchange(exchange);
        admin.declareBinding(BindingBuilder.bind(new Queue(dlq.queue())).to(exchange));
    }

    private void publishConfirmed(DeadLetterQueue dlq, Message message) {
        String queue = dlq.queue();
        CorrelationData correlation = new CorrelationData(UUID.randomUUID().toString());
        publisher.send(dlq.redriveExchange(), queue, message, correlation);
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedriveRefused("interrupted while waiting for the broker's confirm");
        } catch (ExecutionException | TimeoutException e) {
            throw new RedriveRefused("no confirm from the broker within " + CONFIRM_TIMEOUT);
        }
        if (!confirm.ack()) {
            throw new RedriveRefused("the broker refused it: " + confirm.reason());
        }
        if (correlation.getReturned() != null) {
            throw new RedriveRefused("queue " + queue + " does not exist (unroutable)");
        }
    }

    /**
     * Gives back every unacknowledged message up to {@code lastTag} on this channel, in order. A nack has no
     * answer; the synchronous declare after it on the same channel returns only once the channel has passed
     * it on, so the next read (on any channel) very likely sees the messages back.
     */
    private static void giveBack(Channel channel, String queue, long lastTag) throws IOException {
        if (lastTag >= 0) {
            channel.basicNack(lastTag, true, true);
            channel.queueDeclarePassive(queue);
        }
    }

    private Message message(GetResponse response) {
        MessageProperties converted = properties.toMessageProperties(response.getProps(), response.getEnvelope(),
                StandardCharsets.UTF_8.name());
        return new Message(response.getBody(), converted);
    }

    private static Message withoutFailureHeaders(Message message) {
        MessageProperties copy = message.getMessageProperties();
        FAILURE_HEADERS.forEach(copy.getHeaders()::remove);
        return new Message(message.getBody(), copy);
    }

    DeadLetter view(Message message) {
        MessageProperties props = message.getMessageProperties();
        Map<String, Object> headers = props.getHeaders();
        Envelope envelope = null;
        try {
            envelope = codec.decode(message.getBody());
        } catch (MalformedMessageException e) {
            // Poison that is not an envelope: what AMQP says about it is all there is.
        }
        return new DeadLetter(
                envelope != null ? envelope.messageId() : props.getMessageId(),
                envelope != null ? envelope.type() : props.getType(),
                envelope != null ? envelope.sagaId() : null,
                envelope != null ? envelope.step() : null,
                envelope != null ? envelope.partnerId() : null,
                envelope != null ? envelope.occurredAt() : null,
                reason(headers),
                deadLetterCount(props),
                text(headers.get("x-original-exchange")),
                text(headers.get("x-original-routingKey")),
                envelope == null);
    }

    private static String reason(Map<String, Object> headers) {
        String exception = text(headers.get("x-exception-message"));
        return exception != null ? exception : text(headers.get("x-first-death-reason"));
    }

    /**
     * The binder counts its republishes in {@code retry-count}; the broker's own dead-lettering (a rejected
     * message) counts in {@code x-death}.
     */
    private static long deadLetterCount(MessageProperties props) {
        long count = props.getRetryCount();
        List<Map<String, ?>> deaths = props.getXDeathHeader();
        if (deaths != null) {
            for (Map<String, ?> death : deaths) {
                if (death.get("count") instanceof Number n) {
                    count += n.longValue();
                }
            }
        }
        return Math.max(count, 1);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The broker did not take a redriven copy. */
    static final class RedriveRefused extends RuntimeException {

        RedriveRefused(String message) {
            super(message);
        }
    }
}
