package io.provisio.acceptance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.icegreen.greenmail.util.ServerSetup;
import io.provisio.devstack.Infrastructure;
import io.provisio.devstack.TestNamespace;

import org.bson.Document;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.ne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole suite as production runs it, for the fault suite: the five services and the local store
 * each in a process of their own (the store persisted to a file, committing every write, as
 * {@code deploy/local/run.sh} starts it), real RabbitMQ in this JVM's namespace, and an SMTP server in
 * this JVM. Unlike {@link Suite} every process can be killed, frozen and started again, the store
 * included, and the saga runs on its production timing (re-sends after 30 s, doubling up to 2 min).
 */
final class FaultStack implements AutoCloseable {

    static final Duration STARTUP = Duration.ofMinutes(4);
    static final String PARTNER = "fault-it";
    static final String CLIENT_ID = "fault-it-api";
    static final String CLIENT_SECRET = "fault-suite-secret";

    final String gatewayUrl;
    final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Path root = Path.of(System.getProperty("provisio.root", ".."));
    private final String version = System.getProperty("provisio.version", "0.1.0-SNAPSHOT");
    private final Path logs = root.resolve("acceptance-tests/target/fault-suite");
    private final int storePort = ServiceProcess.freePort();
    private final GreenMail mail;
    private Process store;
    private MongoClient storeClient;

    FaultStack() {
        int gateway = ServiceProcess.freePort();
        gatewayUrl = "http://localhost:" + gateway;
        Map<String, Integer> api = new HashMap<>();
        for (String service : List.of("customer-service", "identity-service", "subscription-service",
                "notification-service")) {
            api.put(service, ServiceProcess.freePort());
        }
        Path bootstrap = copy("/fault-bootstrap.yaml");
        int smtp = ServiceProcess.freePort();
        mail = new GreenMail(new ServerSetup(smtp, "localhost", ServerSetup.PROTOCOL_SMTP));

        Map<String, String> environment = Map.of(
                "RABBITMQ_URI", Infrastructure.rabbitUri(),
                "MONGODB_URI", "mongodb://127.0.0.1:" + storePort,
                "PROVISIO_BOOTSTRAP", bootstrap.toString(),
                "PROVISIO_ISSUER", gatewayUrl,
                // A test key (not a secret): customer-service keys its Idempotency-Key digests with it.
                "PROVISIO_IDEMPOTENCY_KEY", "test-only-idempotency-digest-key-not-a-secret");
        List<String> common = List.of("--spring.profiles.active=local",
                "--provisio.messaging.namespace=" + TestNamespace.current(),
                "--provisio.security.jwk-set-uri=http://localhost:" + api.get("identity-service") + "/oauth2/jwks");
        api.forEach((name, port) -> {
            List<String> arguments = new ArrayList<>(common);
            arguments.add("--server.port=" + port);
            arguments.add("--management.server.port=" + ServiceProcess.freePort());
            if (name.equals("notification-service")) {
                arguments.add("--spring.mail.host=localhost");
                arguments.add("--spring.mail.port=" + smtp);
            }
            services.put(name, process(name, arguments, environment));
        });
        services.put("gateway", process("gateway", List.of(
                "--server.port=" + gateway,
                "--management.server.port=" + ServiceProcess.freePort(),
                "--provisio.gateway.services.customer=http://localhost:" + api.get("customer-service"),
                "--provisio.gateway.services.identity=http://localhost:" + api.get("identity-service"),
                "--provisio.gateway.services.subscription=http://localhost:" + api.get("subscription-service"),
                "--provisio.gateway.services.notification=http://localhost:" + api.get("notification-service"),
                "--provisio.gateway.jwk-set-uri=http://localhost:" + api.get("identity-service") + "/oauth2/jwks",
                "--provisio.gateway.rate-limit.limit-for-period=10000"), environment));
    }

    void start() {
        mail.start();
        startStore();
        try {
            ServiceProcess.startAll(services.values(), STARTUP);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    GreenMail mail() {
        return mail;
    }

    /**
     * Reads every service's data in the store directly (the API's 404s could come from a parent record's
     * absence alone): nothing of a failed onboarding is left, and the units it took before it failed are back.
     */
    void assertNothingLeftOf(String sagaId, String customerId) {
        MongoClient client = storeClient();
        MongoDatabase customers = client.getDatabase("customers");
        MongoDatabase identity = client.getDatabase("identity");
        MongoDatabase subscriptions = client.getDatabase("subscriptions");
        String of = " of failed onboarding " + sagaId;
        assertThat(customers.getCollection("customers").countDocuments(eq("_id", customerId)))
                .as("customer record" + of).isZero();
        assertThat(customers.getCollection("domain_claims").countDocuments(eq("customerId", customerId)))
                .as("domain claims" + of).isZero();
        assertThat(identity.getCollection("users").countDocuments(and(eq("customerId", customerId),
                ne("deleted", true)))).as("users" + of).isZero();
        Document organization = identity.getCollection("customers").find(eq("_id", customerId)).first();
        if (organization != null) {
            assertThat(organization.getBoolean("deleted")).as("organization" + of + " is a tombstone").isTrue();
            assertThat(organization.getList("contacts", Document.class, List.of())).as("contacts" + of).isEmpty();
        }
        assertThat(subscriptions.getCollection("subscriptions").countDocuments(eq("customerId", customerId)))
                .as("subscriptions" + of).isZero();
        assertThat(subscriptions.getCollection("customers").countDocuments(eq("_id", customerId)))
                .as("subscription-service's customer" + of).isZero();
        List<Document> ledger = subscriptions.getCollection("allocations").find(eq("sagaId", sagaId))
                .into(new ArrayList<>());
        assertThat(ledger).as("what" + of + " set out to take").extracting(d -> d.getString("planCode"))
                .contains("CUSTOMER-PORTAL", "HOSTED-EXCHANGE");
        for (Document allocation : ledger) {
            String holding = PARTNER + "/" + allocation.getString("planCode") + "/"
                    + allocation.getString("subscriptionId");
            assertThat(subscriptions.getCollection("inventory_holdings").countDocuments(eq("_id", holding)))
                    .as("units still held by " + holding + of).isZero();
        }
    }

    /** One client for every look into the store; it reconnects by itself after the store was killed. */
    private synchronized MongoClient storeClient() {
        if (storeClient == null) {
            storeClient = MongoClients.create("mongodb://127.0.0.1:" + storePort);
        }
        return storeClient;
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    /** kill -9, then start it again and wait until it is ready. */
    void killAndRestart(String name) {
        ServiceProcess service = services.get(name);
        service.kill();
        service.start();
        service.awaitReady(STARTUP);
    }

    /**
     * kill -9, then {@code away} without the service (checked: it does not answer meanwhile), then start it
     * again and wait until it is ready.
     */
    void downFor(String name, Duration away) {
        ServiceProcess service = services.get(name);
        service.kill();
        await(name + " away").during(away).atMost(away.plusSeconds(30)).until(() -> !service.answers());
        service.start();
        service.awaitReady(STARTUP);
    }

    /** kill -9 of the store process; the services' connections fail until it is back. */
    void killAndRestartStore() {
        store.destroyForcibly();
        try {
            store.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        startStore();
    }

    /**
     * {@code rabbitmqctl stop_app}, {@code down} without a broker (checked: nothing answers AMQP meanwhile),
     * then {@code start_app}: every connection and consumer is cut.
     */
    static void restartRabbitMq(Duration down) {
        rabbitmqctl("stop_app");
        await("broker away").during(down).atMost(down.plusSeconds(10)).until(() -> !listening(5672));
        rabbitmqctl("start_app");
        rabbitmqctl("await_startup");
    }

    /** SIGSTOP for {@code frozen} (checked: its health endpoint does not answer meanwhile), then SIGCONT. */
    void freeze(String name, Duration frozen) {
        ServiceProcess service = services.get(name);
        service.pause();
        try {
            await(name + " frozen").during(frozen).atMost(frozen.plusSeconds(15)).until(() -> !service.answers());
        } finally {
            service.resume();
        }
    }

    private static void rabbitmqctl(String command) {
        try {
            Process process = new ProcessBuilder("rabbitmqctl", command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("rabbitmqctl " + command + " failed; the fault suite restarts the "
                        + "broker on this machine and needs rabbitmqctl with the rights to do it");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("rabbitmqctl is needed to restart the broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void startStore() {
        Path jar = root.resolve("devstack/target/devstack-" + version + "-exec.jar");
        List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m", "-jar",
                jar.toString(), Integer.toString(storePort));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("store.log").toFile()));
        builder.environment().put("PROVISIO_DATA_DIR", logs.resolve("store").toString());
        try {
            store = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        await("local store listening").atMost(Duration.ofMinutes(1)).until(() -> listening(storePort));
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (storeClient != null) {
            storeClient.close();
        }
        services.values().forEach(ServiceProcess::stop);
        if (store != null) {
            store.destroy();
        }
        mail.stop();
        TestNamespace.delete(Suite.QUEUES, Suite.EXCHANGES);
    }

    private ServiceProcess process(String name, List<String> arguments, Map<String, String> environment) {
        return new ServiceProcess(name, ServiceProcess.jarOf(root, name, version),
                ServiceProcess.managementPort(arguments), arguments, environment, logs);
    }

    /** A classpath resource copied next to the logs; also clears the logs and the store of an earlier run. */
    private Path copy(String resource) {
        try (InputStream in = FaultStack.class.getResourceAsStream(resource)) {
            if (Files.isDirectory(logs)) {
                try (var old = Files.walk(logs)) {
                    for (Path file : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(logs.resolve("store"));
            Path target = logs.resolve(resource.substring(1));
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
