package io.provisio.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.provisio.platform.messaging.MessageTracing;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.util.MimeTypeUtils;

/**
 * Publishes through Spring Cloud Stream with publisher confirms. {@link #send} hands a message to the
 * broker and answers a future the broker's confirm completes, so many messages can be in flight on one
 * channel; {@link #publish} waits for it. The writer says whether a return (no queue bound yet, e.g. its consumer
 * never started) is a failure ({@link Routing#REQUIRED}: it stays in the outbox) or normal ({@link Routing#OPTIONAL}).
 */
public final class ConfirmingPublisher {

    private final StreamBridge bridge;
    private final String namespace;
    private final Duration confirmTimeout;
    private final MessageTracing tracing;

    public ConfirmingPublisher(StreamBridge bridge, String namespace, Duration confirmTimeout, MessageTracing tracing) {
        this.bridge = bridge;
        this.namespace = namespace;
        this.confirmTimeout = confirmTimeout;
        this.tracing = tracing;
    }

    /**
     * Hands a message to the broker.
     *
     * @param traceparent W3C trace context of the span that wrote the message, or {@code null}; the publish is a
     *                    PRODUCER span under it, ending with the confirm, and the {@code traceparent} header
     *                    carries that span's context to the consumer
     * @return completes when the broker confirmed and routed the message; fails with a
     *         {@link PublishFailedException} on a nack, a return, no confirm within the timeout, or a
     *         broker that cannot be reached
     */
    public CompletableFuture<Void> send(String channel, Routing routing, String messageId, String type,
                                        String traceparent, String body) {
        String destination = namespace + channel;
        MessageTracing.Publication publication = tracing.publishing(destination, messageId, type, traceparent);
        CompletableFuture<Void> confirmed = publication.handOver(() -> handOver(routing, destination, messageId, type,
                publication.traceparent(), body));
        confirmed.whenComplete((ignored, failure) -> publication.ended(
                failure instanceof CompletionException ? failure.getCause() : failure));
        return confirmed;
    }

    private CompletableFuture<Void> handOver(Routing routing, String destination, String messageId, String type,
                                             String traceparent, String body) {
        CorrelationData correlation = new CorrelationData(messageId);
        Message<byte[]> message = MessageBuilder.withPayload(body.getBytes(StandardCharsets.UTF_8))
                .setHeader(AmqpHeaders.PUBLISH_CONFIRM_CORRELATION, correlation)
                .setHeader(AmqpHeaders.MESSAGE_ID, messageId)
                .setHeader(AmqpHeaders.TYPE, type)
                .setHeader(MessageHeaders.CONTENT_TYPE, MimeTypeUtils.APPLICATION_JSON_VALUE)
                .setHeader(MessageTracing.TRACEPARENT, traceparent)
                .build();
        try {
            if (!bridge.send(destination, message)) {
                return CompletableFuture.failedFuture(
                        new PublishFailedException("stream bridge refused " + type + " to " + destination, true));
            }
        } catch (RuntimeException e) {
            // Broker unreachable, channel closed, ...: the same for the caller as a nack.
            return CompletableFuture.failedFuture(
                    new PublishFailedException("could not send " + type + " to " + destination + ": " + e, true, e));
        }
        return correlation.getFuture()
                .orTimeout(confirmTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((confirm, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                        throw new PublishFailedException(cause instanceof TimeoutException
                                ? "no confirm for " + messageId + " within " + confirmTimeout
                                : "no confirm for " + messageId + ": " + cause, true, cause);
                    }
                    if (!confirm.ack()) {
                        throw new PublishFailedException("broker nacked " + messageId + ": " + confirm.reason(), false);
                    }
                    if (correlation.getReturned() != null && routing == Routing.REQUIRED) {
                        throw new PublishFailedException("unroutable " + type + " to " + destination + ": "
                                + correlation.getReturned().getReplyText(), false);
                    }
                    return null;
                });
    }

    /** {@link #send} and wait for the confirm. */
    public void publish(String channel, Routing routing, String messageId, String type, String traceparent,
                        String body) {
        try {
            send(channel, routing, messageId, type, traceparent, body).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof PublishFailedException failed) {
                throw failed;
            }
            throw new PublishFailedException(e.getCause().toString(), true, e.getCause());
        }
    }
}
