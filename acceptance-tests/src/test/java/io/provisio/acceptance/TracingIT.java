package io.provisio.acceptance;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.provisio.acceptance.SpanCollector.ReceivedSpan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Issue 10, item 4: one onboarding is one trace, through the gateway and all four services, and the onboarding
 * resource names it. The services export their spans over OTLP to the suite's receiver ({@link SpanCollector}),
 * as they do to Jaeger in compose (ADR 016).
 */
@ExtendWith(Suite.class)
class TracingIT {

    private static final Duration SAGA = Duration.ofSeconds(60);
    /** Spans leave a service in batches, every 5 s (Boot's default schedule delay), once they ended. */
    private static final Duration EXPORT = Duration.ofSeconds(30);
    private static final Set<String> SUITE = Set.of("gateway", "customer-service", "identity-service",
            "subscription-service", "notification-service");

    @Test
    void oneOnboardingIsOneTraceThroughTheGatewayAndEveryService() {
        Api nordic = Api.nordic();
        SpanCollector collector = Suite.get().spans();

        Api.Response accepted = nordic.post("/api/v1/onboardings",
                Onboardings.swedishCustomerWithHostedServices().toString());
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode onboarding = await("onboarding completed").atMost(SAGA).pollInterval(Duration.ofMillis(200))
                .until(() -> nordic.get(accepted.location()).json(),
                        o -> "COMPLETED".equals(o.get("status").asString()));
        String traceId = onboarding.get("traceId").asString();
        String sagaId = onboarding.get("id").asString();

        await("the onboarding's spans, exported").atMost(EXPORT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    List<ReceivedSpan> trace = collector.trace(traceId);
                    assertThat(trace).as(() -> describe(trace)).extracting(ReceivedSpan::service).containsAll(SUITE);
                    // It starts where the partner's request came in, and is one tree: no span lost its parent.
                    assertThat(trace).filteredOn(s -> s.parentSpanId() == null).singleElement()
                            .satisfies(root -> assertThat(root).extracting(ReceivedSpan::service, ReceivedSpan::kind)
                                    .containsExactly("gateway", SpanKind.SPAN_KIND_SERVER));
                    Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
                    assertThat(trace).filteredOn(s -> s.parentSpanId() != null)
                            .allSatisfy(s -> assertThat(ids).as("parent of %s", s).contains(s.parentSpanId()));
                    // Every command was handled by its owner, every reply by the orchestrator, each as a span.
                    assertThat(trace).as(() -> describe(trace)).filteredOn(s -> s.kind() == SpanKind.SPAN_KIND_CONSUMER)
                            .extracting(ReceivedSpan::service, ReceivedSpan::name)
                            .contains(
                                    tuple("customer-service", "handle RegisterCustomer"),
                                    tuple("customer-service", "handle CustomerRegistered"),
                                    tuple("identity-service", "handle CreateAdministrator"),
                                    tuple("customer-service", "handle AdministratorCreated"),
                                    tuple("subscription-service", "handle AssignPlans"),
                                    tuple("customer-service", "handle PlansAssigned"),
                                    tuple("notification-service", "handle ScheduleWelcomeEmail"),
                                    tuple("customer-service", "handle WelcomeEmailScheduled"),
                                    tuple("customer-service", "handle ActivateCustomer"),
                                    tuple("customer-service", "handle CustomerActivated"));
                    assertThat(trace).as(() -> describe(trace)).filteredOn(s -> s.kind() == SpanKind.SPAN_KIND_PRODUCER)
                            .extracting(ReceivedSpan::service, ReceivedSpan::name)
                            .contains(tuple("customer-service", "publish CreateAdministrator"),
                                    tuple("identity-service", "publish AdministratorCreated"));
                });
        assertThat(collector.withAttribute("provisio.saga.id", sagaId))
                .as("every message of the saga handled in its trace")
                .isNotEmpty().allSatisfy(s -> assertThat(s.traceId()).isEqualTo(traceId));
    }

    /** The trace as a failure shows it: one line per span. */
    private static String describe(List<ReceivedSpan> trace) {
        return trace.stream().map(s -> s.service() + " " + s.kind() + " '" + s.name() + "' " + s.spanId() + " <- "
                + s.parentSpanId()).collect(Collectors.joining("\n", "trace:\n", ""));
    }
}
