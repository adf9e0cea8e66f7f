package io.provisio.platform.messaging;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The spans around messages, with the OpenTelemetry bridge's real tracer and W3C propagator. */
class MessageTracingTest {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String WRITER = "b7ad6b7169203331";
    private static final String TRACEPARENT = "00-" + TRACE + "-" + WRITER + "-01";
    private static final String OTHER_TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
            .addSpanProcessor(SimpleSpanProcessor.create(exported)).build();
    private final MessageTracing tracing = tracing(provider);
    private final MessageCodec codec = new MessageCodec(JsonMapper.builder().build(), Clock.systemUTC(), tracing);

    @AfterEach
    void closeTracer() {
        provider.close();
    }

    @Test
    void handlesAMessageInAConsumerSpanWhoseParentIsItsTraceparent() {
        AtomicReference<String> inside = new AtomicReference<>();

        tracing.handle(command(TRACEPARENT), TRACEPARENT, "broker", envelope -> inside.set(tracing.current()));

        SpanData handled = single();
        assertThat(handled.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(handled.getName()).isEqualTo("handle CreateAdministrator");
        assertThat(handled.getTraceId()).isEqualTo(TRACE);
        assertThat(handled.getParentSpanId()).isEqualTo(WRITER);
        assertThat(inside.get()).isEqualTo("00-" + TRACE + "-" + handled.getSpanId() + "-01");
    }

    @Test
    void handlingUnderTheListenerContainersSpanOfTheSameTraceIsItsChild() {
        AtomicReference<String> container = new AtomicReference<>();

        // The outer span stands for the listener container's observation, which continued the same header.
        tracing.handle(command(TRACEPARENT), TRACEPARENT, "broker", outer -> {
            container.set(tracing.current());
            tracing.handle(outer, TRACEPARENT, "broker", inner -> { });
        });

        List<SpanData> spans = exported.getFinishedSpanItems();
        assertThat(spans).hasSize(2);
        assertThat(spans.getFirst().getParentSpanId()).isEqualTo(container.get().substring(36, 52));
        assertThat(spans.getFirst().getTraceId()).isEqualTo(TRACE);
    }

    @Test
    void publishingHandsOverWithTheProducerSpanCurrent() {
        MessageTracing.Publication publication = tracing.publishing("test.identity-commands", "m-1",
                "CreateAdministrator", TRACEPARENT);

        String during = publication.handOver(tracing::current);
        publication.ended(null);

        assertThat(during).isEqualTo(publication.traceparent());
        assertThat(tracing.current()).isNull();
    }

    @Test
    void aReplyWrittenWhileHandlingContinuesTheHandlingSpan() {
        AtomicReference<Envelope> reply = new AtomicReference<>();

        tracing.handleLocally(command(TRACEPARENT),
                command -> reply.set(codec.reply(command, "AdministratorCreated", Map.of())));

        assertThat(reply.get().traceparent()).isEqualTo("00-" + TRACE + "-" + single().getSpanId() + "-01");
    }

    @Test
    void aSagaMessageWrittenInAnotherTraceStaysInTheSagasTrace() {
        AtomicReference<Envelope> command = new AtomicReference<>();

        // e.g. an operator's retry: the request is its own trace, the command it writes belongs to the saga's.
        tracing.handleLocally(command(OTHER_TRACEPARENT), ignored -> command.set(codec.command("AssignPlans", "saga-1",
                "ASSIGN_PLANS", "partner-1", "saga-replies", TRACEPARENT, Map.of())));

        assertThat(command.get().traceparent()).isEqualTo(TRACEPARENT);
    }

    @Test
    void aMessageWrittenOutsideAnySpanKeepsTheTraceparentItIsGiven() {
        assertThat(codec.command("AssignPlans", "saga-1", "ASSIGN_PLANS", "partner-1", "saga-replies", TRACEPARENT,
                Map.of()).traceparent()).isEqualTo(TRACEPARENT);
        assertThat(tracing.current()).isNull();
    }

    @Test
    void publishingIsAProducerSpanUnderTheWriterWhoseContextTheMessageCarries() {
        MessageTracing.Publication publication = tracing.publishing("test.identity-commands", "m-1",
                "CreateAdministrator", TRACEPARENT);
        publication.ended(null);

        SpanData published = single();
        assertThat(published.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(published.getName()).isEqualTo("publish CreateAdministrator");
        assertThat(published.getParentSpanId()).isEqualTo(WRITER);
        assertThat(publication.traceparent()).isEqualTo("00-" + TRACE + "-" + published.getSpanId() + "-01");
    }

    @Test
    void anUnsampledTraceStaysUnsampledAndRecordsNothing() {
        String unsampled = "00-" + TRACE + "-" + WRITER + "-00";

        MessageTracing.Publication publication = tracing.publishing("test.identity-commands", "m-1",
                "CreateAdministrator", unsampled);
        publication.ended(null);
        tracing.handle(command(unsampled), publication.traceparent(), "broker", envelope -> { });

        assertThat(publication.traceparent()).startsWith("00-" + TRACE + "-").endsWith("-00");
        assertThat(exported.getFinishedSpanItems()).isEmpty();
    }

    @Test
    void withoutATracerMessagesKeepWhatTheyAreGiven() {
        MessageTracing none = MessageTracing.none();

        assertThat(none.traceparentFor(TRACEPARENT)).isEqualTo(TRACEPARENT);
        assertThat(none.publishing("test.identity-commands", "m-1", "CreateAdministrator", TRACEPARENT)
                .traceparent()).isEqualTo(TRACEPARENT);
        assertThat(none.current()).isNull();
    }

    private SpanData single() {
        List<SpanData> spans = exported.getFinishedSpanItems();
        assertThat(spans).hasSize(1);
        return spans.getFirst();
    }

    private Envelope command(String traceparent) {
        return new MessageCodec(JsonMapper.builder().build(), Clock.systemUTC()).command("CreateAdministrator",
                "saga-1", "CREATE_ADMINISTRATOR", "partner-1", "saga-replies", traceparent, Map.of());
    }

    /** As Boot wires the bridge: W3C propagation, the receiving handler before the default one. */
    private static MessageTracing tracing(SdkTracerProvider provider) {
        io.opentelemetry.api.trace.Tracer otel = provider.get("test");
        ContextPropagators propagators = ContextPropagators.create(W3CTraceContextPropagator.getInstance());
        OtelCurrentTraceContext current = new OtelCurrentTraceContext();
        OtelTracer tracer = new OtelTracer(otel, current, event -> { },
                new OtelBaggageManager(current, List.of(), List.of()));
        OtelPropagator propagator = new OtelPropagator(propagators, otel);
        ObservationRegistry observations = ObservationRegistry.create();
        observations.observationConfig().observationHandler(
                new ObservationHandler.FirstMatchingCompositeObservationHandler(
                        new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
                        new DefaultTracingObservationHandler(tracer)));
        return new MessageTracing(observations, tracer, propagator);
    }
}
