package io.provisio.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.MessageProperties;

/**
 * The raw broker rate the saga's messaging is compared with: persistent messages of the size of a
 * saga envelope, published with publisher confirms (at most {@code in-flight} unconfirmed) to a
 * quorum queue, consumed with manual acks. Reports messages delivered end to end per second.
 */
final class BrokerBaseline {

    private final Bench.Options options;

    BrokerBaseline(Bench.Options options) {
        this.options = options;
    }

    void run() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(options.text("uri", "amqp://guest:guest@localhost:5672"));
        Duration duration = options.duration("duration", "15s");
        int inFlight = options.number("in-flight", 64);
        String queue = "provisio-bench-baseline-" + ProcessHandle.current().pid();
        byte[] body = ("{\"messageId\":\"" + "x".repeat(36) + "\",\"payload\":\"" + "y".repeat(900) + "\"}")
                .getBytes(StandardCharsets.UTF_8);

        try (Connection publishing = factory.newConnection("bench-publisher");
             Connection consuming = factory.newConnection("bench-consumer")) {
            Channel admin = consuming.createChannel();
            admin.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
            try {
                AtomicLong delivered = new AtomicLong();
                Channel consumer = consuming.createChannel();
                consumer.basicQos(250);
                consumer.basicConsume(queue, false, new DefaultConsumer(consumer) {
                    @Override
                    public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties,
                                               byte[] payload) throws java.io.IOException {
                        getChannel().basicAck(envelope.getDeliveryTag(), false);
                        delivered.incrementAndGet();
                    }
                });

                Channel publisher = publishing.createChannel();
                publisher.confirmSelect();
                Semaphore window = new Semaphore(inFlight);
                publisher.addConfirmListener((tag, multiple) -> release(window, publisher, tag, multiple),
                        (tag, multiple) -> release(window, publisher, tag, multiple));
                long warmupEnd = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                long end = warmupEnd + duration.toNanos();
                long deliveredAtStart = -1;
                while (System.nanoTime() < end) {
                    if (deliveredAtStart < 0 && System.nanoTime() >= warmupEnd) {
                        deliveredAtStart = delivered.get();
                    }
                    window.acquire();
                    synchronized (publisher) {
                        outstanding.put(publisher.getNextPublishSeqNo(), Boolean.TRUE);
                        publisher.basicPublish("", queue, MessageProperties.PERSISTENT_BASIC, body);
                    }
                }
                long count = delivered.get() - deliveredAtStart;
                double seconds = duration.toNanos() / 1e9;
                System.out.printf(Locale.ROOT, "RESULT brokerMessagesPerSecond=%.0f (persistent, confirmed, quorum queue, %d in flight, %d-byte body, %d s)%n",
                        count / seconds, inFlight, body.length, duration.toSeconds());
            } finally {
                admin.queueDelete(queue);
            }
        }
    }

    private final java.util.concurrent.ConcurrentSkipListMap<Long, Boolean> outstanding =
            new java.util.concurrent.ConcurrentSkipListMap<>();

    private void release(Semaphore window, Channel publisher, long tag, boolean multiple) {
        int confirmed;
        if (multiple) {
            var head = outstanding.headMap(tag, true);
            confirmed = head.size();
            head.clear();
        } else {
            confirmed = outstanding.remove(tag) == null ? 0 : 1;
        }
        window.release(confirmed);
    }
}
