package io.provisio.subscription.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.provisio.devstack.BrokerProbe;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;

import static org.awaitility.Awaitility.await;

/**
 * A tap on {@code saga-replies} that hands out replies by saga, whatever order they arrive in,
 * and publishes commands on {@code subscription-commands} through the same probe.
 */
public final class ReplyTap implements AutoCloseable {

    public static final String REPLIES = "saga-replies";

    private final BrokerProbe probe = BrokerProbe.connect();
    private final MessageCodec codec;
    private final String queue;
    private final List<Envelope> unclaimed = new ArrayList<>();

    public ReplyTap(MessageCodec codec) {
        this.codec = codec;
        this.queue = probe.tap(REPLIES);
    }

    public void publish(String channel, Envelope command) {
        probe.publish(channel, codec.encode(command));
    }

    /** The next reply of {@code sagaId}, waiting at most 30 seconds. */
    public Envelope next(String sagaId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> take(sagaId), Objects::nonNull);
    }

    /** The replies of {@code sagaId} that arrived and were not taken yet, after draining the tap. */
    public List<Envelope> pending(String sagaId) {
        drain(Duration.ofMillis(200));
        return unclaimed.stream().filter(e -> sagaId.equals(e.sagaId())).toList();
    }

    private Envelope take(String sagaId) {
        drain(Duration.ofMillis(250));
        for (Iterator<Envelope> it = unclaimed.iterator(); it.hasNext(); ) {
            Envelope envelope = it.next();
            if (sagaId.equals(envelope.sagaId())) {
                it.remove();
                return envelope;
            }
        }
        return null;
    }

    private void drain(Duration firstWait) {
        Duration wait = firstWait;
        while (true) {
            Optional<String> body = probe.receive(queue, wait);
            if (body.isEmpty()) {
                return;
            }
            unclaimed.add(codec.decode(body.get().getBytes(StandardCharsets.UTF_8)));
            wait = Duration.ofMillis(100);
        }
    }

    @Override
    public void close() {
        probe.close();
    }
}
