package io.provisio.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Publishes one message through Spring Cloud Stream and returns only once the broker has
 * confirmed it. An unroutable message (no queue bound yet, e.g. the consumer never started)
 * comes back as a return and counts as a failure, so it stays in the outbox and is tried again.
 */
public final class ConfirmingPublisher {

    private final StreamBridge bridge;
    private final String namespace;
    private final Duration confirmTimeout;

    public ConfirmingPublisher(StreamBridge bridge, String namespace, Duration confirmTimeout) {
        this.bridge = bridge;
        this.namespace = namespace;
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * Whether nobody listening is normal for this channel: events go to whoever subscribes (maybe
     * nobody yet), and a dry-run answer whose asker is gone has nobody to reach. Commands and saga
     * replies must reach a queue; for them a return is a failure and the message is tried again.
     */
    static boolean broadcast(String channel) {
        return channel.endsWith("-events") || channel.endsWith("dry-run-replies");
    }

    /** @param traceparent W3C trace context, sent as the {@code traceparent} header too, or {@code null} */
    public void publish(String channel, String messageId, String type, String traceparent, String body) {
        CorrelationData correlation = new CorrelationData(messageId);
        Message<byte[]> message = MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8))
                .setHeader(AmqpHeaders.PUBLISH_CONFIRM_CORRELATION, correlation)
                .setHeader(AmqpHeaders.MESSAGE_ID, messageId)
                .setHeader(AmqpHeaders.TYPE, type)
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .setHeader("traceparent", traceparent)
                .build();
        String destination = namespace + channel;
        if (!bridge.send(destination, message)) {
            throw new PublishFailedException("stream bridge refused " + type + " to " + destination);
        }
        CorrelationData.Confirm confirm;
        try {
            confirm = correlation.getFuture().get(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishFailedException("interrupted waiting for the confirm of " + messageId, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishFailedException("no confirm for " + messageId + " within " + confirmTimeout, e);
        }
        if (!confirm.ack()) {
            throw new PublishFailedException("broker nacked " + messageId + ": " + confirm.reason());
        }
        if (correlation.getReturned() != null && !broadcast(channel)) {
            throw new PublishFailedException("unroutable " + type + " to " + destination + ": "
                    + correlation.getReturned().getReplyText());
        }
    }
}
