package io.provisio.platform.observability;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.support.ChannelInterceptor;

/**
 * Counts, on every consumer binding's input channel, the messages the broker marked as redelivered
 * ({@code provisio_messaging_redeliveries_total{queue}}, {@link ConsumerQueueMetrics#redeliveries}): an earlier
 * delivery was not acknowledged because its consumer died, its connection broke, or it gave the message back
 * while stopping during an outage. Handlers are idempotent, so a redelivery costs time, not correctness; many of
 * them point at crash-looping replicas. A delivery retried in-process (bounded attempts) is counted once.
 */
public final class RedeliveryCounter implements ChannelInterceptor {

    private final MeterRegistry meters;

    public RedeliveryCounter(MeterRegistry meters) {
        this.meters = meters;
    }

    @Override
    public Message<?> preSend(Message<?> message, MessageChannel channel) {
        if (Boolean.TRUE.equals(message.getHeaders().get(AmqpHeaders.REDELIVERED, Boolean.class))
                && firstAttempt(message)) {
            String queue = message.getHeaders().get(AmqpHeaders.CONSUMER_QUEUE, String.class);
            ConsumerQueueMetrics.redeliveries(meters, queue == null ? "unknown" : queue).increment();
        }
        return message;
    }

    private static boolean firstAttempt(Message<?> message) {
        Object attempt = message.getHeaders().get(IntegrationMessageHeaderAccessor.DELIVERY_ATTEMPT);
        return !(attempt instanceof AtomicInteger count) || count.get() <= 1;
    }
}
