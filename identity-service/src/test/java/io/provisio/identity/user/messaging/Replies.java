package io.provisio.identity.user.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.provisio.devstack.BrokerProbe;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;

import org.awaitility.Awaitility;

/** The test's view of {@code saga-replies}: every reply published while it is open. */
final class Replies implements AutoCloseable {

    private final BrokerProbe probe;
    private final MessageCodec codec;
    private final String tap;
    private final List<Envelope> received = new CopyOnWriteArrayList<>();

    Replies(BrokerProbe probe, MessageCodec codec) {
        this.probe = probe;
        this.codec = codec;
        this.tap = probe.tap("saga-replies");
    }

    /** Waits until {@code count} replies of {@code type} arrived for the saga, and returns them. */
    List<Envelope> await(String sagaId, String type, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            drain();
            return of(sagaId, type).size() >= count;
        });
        return of(sagaId, type);
    }

    /** Every reply received for the saga so far, whatever its type. */
    List<Envelope> of(String sagaId) {
        drain();
        return received.stream().filter(r -> sagaId.equals(r.sagaId())).toList();
    }

    private List<Envelope> of(String sagaId, String type) {
        return received.stream().filter(r -> sagaId.equals(r.sagaId()) && type.equals(r.type())).toList();
    }

    private void drain() {
        Optional<String> next;
        while ((next = probe.receive(tap, Duration.ofMillis(100))).isPresent()) {
            received.add(codec.decode(next.get().getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Override
    public void close() {
        probe.close();
    }
}
