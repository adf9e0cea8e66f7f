package io.provisio.platform.observability;

import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.integration.IntegrationMessageHeaderAccessor;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** A redelivery is counted once per delivery, on the queue it came from; first deliveries are not counted. */
class RedeliveryCounterTest {

    private static final String QUEUE = "subscription-commands.subscription-service";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RedeliveryCounter counter = new RedeliveryCounter(meters);
    private final DirectChannel channel = new DirectChannel();

    @Test
    void countsWhatTheBrokerMarkedRedeliveredOnceAcrossTheBoundedAttempts() {
        counter.preSend(delivery(true, null), channel);
        counter.preSend(delivery(true, 1), channel);
        counter.preSend(delivery(true, 2), channel);
        counter.preSend(delivery(true, 3), channel);

        assertThat(redeliveries()).isEqualTo(2);
    }

    @Test
    void leavesFirstDeliveriesAlone() {
        counter.preSend(delivery(false, null), channel);
        counter.preSend(MessageBuilder.withPayload(new byte[0]).build(), channel);

        assertThat(meters.find("provisio.messaging.redeliveries").counter()).isNull();
    }

    private double redeliveries() {
        return meters.counter("provisio.messaging.redeliveries", "queue", QUEUE).count();
    }

    private static Message<byte[]> delivery(boolean redelivered, Integer attempt) {
        MessageBuilder<byte[]> message = MessageBuilder.withPayload(new byte[0])
                .setHeader(AmqpHeaders.REDELIVERED, redelivered)
                .setHeader(AmqpHeaders.CONSUMER_QUEUE, QUEUE);
        if (attempt != null) {
            message.setHeader(IntegrationMessageHeaderAccessor.DELIVERY_ATTEMPT, new AtomicInteger(attempt));
        }
        return message.build();
    }
}
