package io.provisio.platform.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Where a message's trace context comes from and the spans around it (ADR 016). A message carries the W3C
 * {@code traceparent} of the span that wrote it, in its envelope and so in the outbox entry: it is published
 * later, by another thread or another process, when that span is long over. Handling a message is a
 * CONSUMER span whose parent is that traceparent (or the publish's, from the AMQP header); handing it to the
 * broker is a PRODUCER span. The W3C format is read and written by the tracing bridge's {@link Propagator},
 * never by hand.
 *
 * <p>Without a tracer (tracing switched off, plain unit tests) messages carry what they were given and
 * handling is observed without spans.
 */
public final class MessageTracing {

    /** The W3C trace context header, on AMQP messages as in HTTP. */
    public static final String TRACEPARENT = "traceparent";
    /** The observation of a handled message: span {@code handle <type>}, timer {@code provisio.messaging.handled}. */
    static final String HANDLED = "provisio.messaging.handled";

    private static final MessageTracing NONE = new MessageTracing(ObservationRegistry.NOOP, null, null);

    private final ObservationRegistry observations;
    private final Tracer tracer;
    private final Propagator propagator;

    /**
     * @param tracer     the current span's source, or {@code null} without tracing
     * @param propagator reads and writes {@code traceparent}, or {@code null} without tracing
     */
    public MessageTracing(ObservationRegistry observations, Tracer tracer, Propagator propagator) {
        this.observations = observations;
        this.tracer = tracer == null || propagator == null ? null : tracer;
        this.propagator = this.tracer == null ? null : propagator;
    }

    /** No spans, no trace context of its own: messages keep the traceparent they are given. */
    public static MessageTracing none() {
        return NONE;
    }

    /** The W3C traceparent of the current span, or {@code null} when there is none. */
    public String current() {
        Span span = tracer == null ? null : tracer.currentSpan();
        return span == null ? null : traceparentOf(span);
    }

    /**
     * The trace context for a message written now. The current span (a request's, a handled message's) when it
     * belongs to {@code traceparent}'s trace or there is no {@code traceparent}: the message then continues the
     * span that wrote it. Otherwise {@code traceparent} itself: a saga's resend from a timer (no span) or an
     * operator's retry (another trace) stays in the trace of the request that started the saga.
     */
    public String traceparentFor(String traceparent) {
        String current = current();
        if (current == null) {
            return traceparent;
        }
        return traceparent == null || sameTrace(current, traceparent) ? current : traceparent;
    }

    /**
     * Handles a message delivered in this process without the broker (a {@code LocalChannel}) as a CONSUMER span,
     * child of the envelope's traceparent, with the message's ids in the logging context.
     */
    public void handleLocally(Envelope envelope, Consumer<Envelope> handler) {
        handle(envelope, envelope.traceparent(), "local", handler);
    }

    /**
     * Handles a message as a CONSUMER span, child of {@code traceparent} (or of the current span when that continues
     * the same trace), with the message's ids in the logging context.
     *
     * @param traceparent the publisher's (AMQP header) or, without one, the envelope's
     * @param delivery    {@code broker} or {@code local}
     */
    void handle(Envelope envelope, String traceparent, String delivery, Consumer<Envelope> handler) {
        ReceiverContext<String> context = new ReceiverContext<>(
                (carrier, key) -> TRACEPARENT.equals(key) && !carrier.isEmpty() ? carrier : null);
        // The broker's listener container observes each delivery too (Spring Cloud Stream switches it on): its
        // span, continuing the same header, is current here, and this one becomes its child.
        String current = current();
        boolean continuesCurrent = current != null && (traceparent == null || sameTrace(current, traceparent));
        context.setCarrier(traceparent == null || continuesCurrent ? "" : traceparent);
        context.setRemoteServiceName(delivery.equals("broker") ? "rabbitmq" : null);
        Observation observation = Observation.createNotStarted(HANDLED, () -> context, observations)
                .contextualName("handle " + envelope.type())
                .lowCardinalityKeyValue("type", envelope.type())
                .lowCardinalityKeyValue("delivery", delivery)
                .highCardinalityKeyValue("messaging.message.id", envelope.messageId());
        if (envelope.sagaId() != null) {
            observation.highCardinalityKeyValue("provisio.saga.id", envelope.sagaId());
        }
        if (envelope.step() != null) {
            observation.highCardinalityKeyValue("provisio.saga.step", envelope.step());
        }
        observation.observe(() -> {
            try (MessageContext ignored = MessageContext.open(envelope)) {
                handler.accept(envelope);
            }
        });
    }

    /**
     * Starts the PRODUCER span of a message handed to the broker, child of the traceparent stored with it.
     * The span ends when the broker confirmed the message, or failed to.
     */
    public Publication publishing(String destination, String messageId, String type, String traceparent) {
        if (tracer == null || traceparent == null) {
            return new Publication(null, null, traceparent);
        }
        Span span = propagator.extract(traceparent, (carrier, key) -> TRACEPARENT.equals(key) ? carrier : null)
                .kind(Span.Kind.PRODUCER)
                .name("publish " + type)
                .remoteServiceName("rabbitmq")
                .tag("messaging.system", "rabbitmq")
                .tag("messaging.destination.name", destination)
                .tag("messaging.message.id", messageId)
                .start();
        String published = traceparentOf(span);
        return new Publication(tracer, span, published == null ? traceparent : published);
    }

    private String traceparentOf(Span span) {
        Map<String, String> carrier = new HashMap<>(4);
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** Whether two W3C traceparents ({@code 00-<trace id>-<span id>-<flags>}) name the same trace. */
    private static boolean sameTrace(String traceparent, String other) {
        return traceparent.regionMatches(3, other, 3, 32);
    }

    /** The 32-hex trace id inside a W3C {@code traceparent}, or {@code null}. */
    public static String traceIdOf(String traceparent) {
        if (traceparent == null) {
            return null;
        }
        String[] parts = traceparent.split("-");
        return parts.length >= 2 ? parts[1] : null;
    }

    /** A message on its way to the broker: the trace context to send with it, and its span to end. */
    public static final class Publication {

        private final Tracer tracer;
        private final Span span;
        private final String traceparent;

        private Publication(Tracer tracer, Span span, String traceparent) {
            this.tracer = tracer;
            this.span = span;
            this.traceparent = traceparent;
        }

        /**
         * Hands the message over with the PRODUCER span current: the AMQP client observes its send too (Spring
         * Cloud Stream switches that on) and writes its own span's context into the header, which must then be a
         * child of this one rather than a trace of its own.
         */
        public <T> T handOver(Supplier<T> send) {
            if (span == null) {
                return send.get();
            }
            try (Tracer.SpanInScope ignored = tracer.withSpan(span)) {
                return send.get();
            }
        }

        /** What goes into the message's {@code traceparent} header: the PRODUCER span's context. */
        public String traceparent() {
            return traceparent;
        }

        /** @param failure why the broker did not take it, or {@code null} */
        public void ended(Throwable failure) {
            if (span == null) {
                return;
            }
            if (failure != null) {
                span.error(failure);
            }
            span.end();
        }
    }
}
