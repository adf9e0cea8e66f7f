package io.provisio.acceptance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.provisio.devstack.Infrastructure;
import io.provisio.devstack.TestNamespace;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole suite, started once per test JVM: the five services as separate processes on free
 * ports, against the real RabbitMQ (in this JVM's own namespace) and one MongoDB for all of them
 * (devstack's resolution; without {@code MONGODB_URI} or Docker it is the embedded store served
 * from this JVM over the wire protocol, so killing a service never takes its data along).
 * notification-service delivers to an SMTP server in this JVM ({@link #mail()}), every service exports its spans to
 * an OTLP receiver in this JVM ({@link #spans()}), and every service except
 * customer-service runs on a test clock that {@link #advanceClock} moves forward (customer-service's would
 * time out sagas). Closed at the end of the run: services stopped, namespace's queues and exchanges deleted.
 */
final class Suite implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    static final Duration STARTUP = Duration.ofMinutes(4);
    /**
     * Short, so the timeout test does not wait long (ASSIGN_PLANS answers in milliseconds otherwise), but longer than
     * subscription-service takes to restart on a busy 2-core machine: the SIGTERM test restarts it while commands
     * wait in its queue, and 8 s once timed one of them out there (stop 21's CI).
     */
    static final Duration ASSIGN_PLANS_TIMEOUT = Duration.ofSeconds(30);

    /** Every durable queue the services declare (each with its {@code .dlq}), without the namespace. */
    static final List<String> QUEUES = List.of("customer-commands.customer-service", "saga-replies.customer-service",
            "identity-commands.identity-service", "subscription-commands.subscription-service",
            "notification-commands.notification-service", "identity-events.subscription-service",
            "subscription-events.notification-service", "identity-events.notification-service",
            "customer-events.identity-service", "customer-events.notification-service",
            "customer-events.subscription-service");
    static final List<String> EXCHANGES = List.of("customer-commands", "saga-replies", "identity-commands",
            "subscription-commands", "notification-commands", "identity-events", "subscription-events",
            "customer-events", "dry-run-replies", "setup-replies");

    private static Suite running;

    final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    final String gatewayUrl;
    private final Map<String, Integer> managementPorts = new HashMap<>();
    private final Map<String, Integer> apiPorts = new HashMap<>();
    private final GreenMail mail;
    private final SpanCollector spans = new SpanCollector();
    private final Path root = Path.of(System.getProperty("provisio.root", ".."));
    private final String version = System.getProperty("provisio.version", "0.1.0-SNAPSHOT");

    private Suite() {
        int gateway = ServiceProcess.freePort();
        gatewayUrl = "http://localhost:" + gateway;
        Map<String, Integer> api = new HashMap<>();
        for (String service : List.of("customer-service", "identity-service", "subscription-service",
                "notification-service")) {
            api.put(service, ServiceProcess.freePort());
        }
        apiPorts.putAll(api);
        Path logs = root.resolve("acceptance-tests/target/acceptance-logs");
        Path bootstrap = copyBootstrap(logs);

        Map<String, String> environment = new HashMap<>();
        environment.put("RABBITMQ_URI", Infrastructure.rabbitUri());
        environment.put("MONGODB_URI", Infrastructure.mongoUri());
        environment.put("PROVISIO_BOOTSTRAP", bootstrap.toString());
        environment.put("PROVISIO_ISSUER", gatewayUrl);
        // TEST ONLY: customer-service does not start without its Idempotency-Key digest key (ADR 012).
        environment.put("PROVISIO_IDEMPOTENCY_KEY", "test-only-idempotency-digest-key-not-a-secret");
        // Every service exports every span to this JVM's OTLP receiver, as to Jaeger in compose (ADR 016).
        environment.put("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", spans.endpoint());
        environment.put("PROVISIO_TRACE_SAMPLING", "1.0");
        int smtp = ServiceProcess.freePort();
        mail = new GreenMail(new ServerSetup(smtp, "localhost", ServerSetup.PROTOCOL_SMTP));

        List<String> common = List.of(
                "--spring.profiles.active=local",
                "--provisio.messaging.namespace=" + TestNamespace.current(),
                "--provisio.security.jwk-set-uri=http://localhost:" + api.get("identity-service") + "/oauth2/jwks");

        for (Map.Entry<String, Integer> entry : api.entrySet()) {
            List<String> arguments = new ArrayList<>(common);
            arguments.add("--server.port=" + entry.getValue());
            arguments.add("--management.server.port=" + ServiceProcess.freePort());
            if (!entry.getKey().equals("customer-service")) {
                arguments.add("--provisio.test-clock.enabled=true");
            }
            if (entry.getKey().equals("notification-service")) {
                arguments.add("--spring.mail.host=localhost");
                arguments.add("--spring.mail.port=" + smtp);
                // The activation e-mail's link leads through the gateway, as in production (ActivationPageBrowserIT).
                arguments.add("--provisio.notification.activation-base-url=" + gatewayUrl);
                // Webhook receivers run in this JVM on localhost over http (WebhooksIT): private targets allowed.
                arguments.add("--provisio.webhooks.allow-private-targets=true");
            }
            if (entry.getKey().equals("customer-service")) {
                arguments.add("--provisio.onboarding.step-timeouts.ASSIGN_PLANS=" + ASSIGN_PLANS_TIMEOUT.toSeconds() + "s");
                // Commands and compensations go out again every 3 s at first, so tests do not wait long.
                arguments.add("--provisio.onboarding.resend-after=3s");
                // Tests time steps out right after the start; in production replies queued during a
                // restart are read first.
                arguments.add("--provisio.onboarding.startup-grace=0s");
                // A participant restart on a loaded 2-core machine must not look like a timeout.
                arguments.add("--provisio.onboarding.step-timeout=180s");
            }
            services.put(entry.getKey(), process(entry.getKey(), arguments, environment, logs));
        }
        List<String> gatewayArguments = new ArrayList<>(List.of(
                "--server.port=" + gateway,
                "--management.server.port=" + ServiceProcess.freePort(),
                "--provisio.gateway.services.customer=http://localhost:" + api.get("customer-service"),
                "--provisio.gateway.services.identity=http://localhost:" + api.get("identity-service"),
                "--provisio.gateway.services.subscription=http://localhost:" + api.get("subscription-service"),
                "--provisio.gateway.services.notification=http://localhost:" + api.get("notification-service"),
                "--provisio.gateway.jwk-set-uri=http://localhost:" + api.get("identity-service") + "/oauth2/jwks",
                "--provisio.gateway.rate-limit.limit-for-period=1000"));
        services.put("gateway", process("gateway", gatewayArguments, environment, logs));
    }

    static Suite get() {
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(Suite.class, key -> {
            Suite suite = new Suite();
            suite.startAll();
            running = suite;
            return suite;
        });
    }

    private void startAll() {
        mail.start();
        try {
            ServiceProcess.startAll(services.values(), STARTUP);
        } catch (RuntimeException e) {
            // Leave no process behind when one service cannot start; its log is named in the error.
            close();
            throw e;
        }
    }

    /** What the services exported of their traces so far. */
    SpanCollector spans() {
        return spans;
    }

    /** The SMTP server notification-service delivers to; {@code mail().getReceivedMessages()} reads it. */
    GreenMail mail() {
        return mail;
    }

    /**
     * Moves a service's clock forward (identity, subscription or notification; never customer-service).
     * The clock is shared by every test of the run and only goes forward: assert "still scheduled" with
     * dates far enough ahead, and advance by what the test needs.
     */
    java.time.Instant advanceClock(String service, Duration by) {
        String body = "{\"by\":\"" + by + "\"}";
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + managementPorts.get(service)
                        + "/actuator/testclock"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("testclock of " + service + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            String now = response.body().replaceAll(".*\"now\":\"([^\"]+)\".*", "$1");
            return java.time.Instant.parse(now);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a service's {@code /actuator/prometheus} shows now (its management port). */
    String prometheus(String service) {
        return management(service, "/actuator/prometheus");
    }

    /** The body of a GET on a service's management port, which must answer 200. */
    String management(String service, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + managementPorts.get(service)
                + path)).GET().build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(service + " " + path + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A service's own API port, which only the gateway calls in production (e.g. for its OpenAPI document). */
    String serviceUrl(String name) {
        return "http://localhost:" + apiPorts.get(name);
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    /** Starts a stopped service again and waits until it is ready. */
    void restart(String name) {
        ServiceProcess service = services.get(name);
        service.start();
        service.awaitReady(STARTUP);
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::stop);
        mail.stop();
        spans.close();
        TestNamespace.delete(QUEUES, EXCHANGES);
    }

    private ServiceProcess process(String name, List<String> arguments, Map<String, String> environment, Path logs) {
        int management = ServiceProcess.managementPort(arguments);
        managementPorts.put(name, management);
        return new ServiceProcess(name, ServiceProcess.jarOf(root, name, version), management, arguments, environment,
                logs);
    }

    private static Path copyBootstrap(Path logs) {
        try (InputStream in = Suite.class.getResourceAsStream("/acceptance-bootstrap.yaml")) {
            Files.createDirectories(logs);
            try (var old = Files.list(logs)) {
                for (Path file : old.filter(f -> f.toString().endsWith(".log")).toList()) {
                    Files.delete(file);
                }
            }
            Path target = logs.resolve("acceptance-bootstrap.yaml");
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return target.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
