package io.provisio.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.ConnectionFactory;

/**
 * The services' RabbitMQ users of {@code deploy/broker-permissions.tsv} (ADR 013), created by the very script the
 * local run uses ({@code deploy/local/rabbitmq-users.sh}) in a virtual host of their own, with user names unique
 * to this instance, so a test can log in as a service and see what the broker lets it do. {@link #close()}
 * deletes the users and the virtual host with everything declared in it.
 * <p>
 * Needs {@code rabbitmqctl} for the broker the tests use, i.e. a broker on this machine; {@link #available()}
 * says whether it can be used.
 */
public final class BrokerUsers implements AutoCloseable {

    private static final String TABLE = "deploy/broker-permissions.tsv";
    private static final String SCRIPT = "deploy/local/rabbitmq-users.sh";

    private final Path root;
    private final Path secrets;
    private final String vhost;
    private final String prefix;
    private final Set<String> users;

    private BrokerUsers(Path root, Path secrets, String vhost, String prefix, Set<String> users) {
        this.root = root;
        this.secrets = secrets;
        this.vhost = vhost;
        this.prefix = prefix;
        this.users = users;
    }

    /** Whether the users can be made here: the test broker runs on this machine and {@code rabbitmqctl} may manage it. */
    public static boolean available() {
        String host = URI.create(Infrastructure.rabbitUri()).getHost();
        if (!"localhost".equals(host) && !"127.0.0.1".equals(host)) {
            return false;
        }
        try {
            return run(List.of("rabbitmqctl", "-q", "list_vhosts"), Path.of("."), ProcessBuilder.Redirect.DISCARD) == 0;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** Creates every service's user of the table in a new virtual host. */
    public static BrokerUsers create() {
        Path root = projectRoot();
        String id = UUID.randomUUID().toString().substring(0, 8);
        String vhost = "provisio-it-" + id;
        String prefix = "it-" + id + "-";
        try {
            Path secrets = Files.createTempDirectory("broker-users-");
            BrokerUsers created = new BrokerUsers(root, secrets, vhost, prefix, services(root.resolve(TABLE)));
            int exit = run(List.of(root.resolve(SCRIPT).toString(), "--vhost", vhost, "--user-prefix", prefix,
                    "--secrets", secrets.toString()), root, ProcessBuilder.Redirect.INHERIT);
            if (exit != 0) {
                created.close();
                throw new IllegalStateException(SCRIPT + " failed with exit code " + exit);
            }
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The services (users) the table names, in its order. */
    public Set<String> services() {
        return users;
    }

    /** The virtual host the users have their permissions in. */
    public String vhost() {
        return vhost;
    }

    /** A connection factory for the test broker that logs in as {@code service}'s user, in {@link #vhost()}. */
    public ConnectionFactory connectionFactory(String service) {
        if (!users.contains(service)) {
            throw new IllegalArgumentException("no user for " + service + " in " + TABLE);
        }
        URI broker = URI.create(Infrastructure.rabbitUri());
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost(broker.getHost());
        factory.setPort(broker.getPort() > 0 ? broker.getPort() : 5672);
        factory.setVirtualHost(vhost);
        factory.setUsername(prefix + service);
        try {
            factory.setPassword(Files.readString(secrets.resolve("rabbitmq-" + service + ".password")).trim());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return factory;
    }

    /** Deletes the users, the virtual host (with its exchanges and queues) and the passwords. */
    @Override
    public void close() {
        run(List.of("rabbitmqctl", "-q", "delete_vhost", vhost), root, ProcessBuilder.Redirect.DISCARD);
        for (String service : users) {
            run(List.of("rabbitmqctl", "-q", "delete_user", prefix + service), root, ProcessBuilder.Redirect.DISCARD);
        }
        try (var files = Files.list(secrets)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
            Files.delete(secrets);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> services(Path table) throws IOException {
        Set<String> services = new LinkedHashSet<>();
        for (String line : Files.readAllLines(table, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                services.add(trimmed.split("\\s+", 2)[0]);
            }
        }
        return services;
    }

    /** The directory holding {@code deploy/}: the working directory of a module's tests or one above it. */
    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(TABLE)) && Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir;
            }
        }
        throw new IllegalStateException(TABLE + " not found above " + Path.of("").toAbsolutePath());
    }

    private static int run(List<String> command, Path directory, ProcessBuilder.Redirect output) {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 120 s");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.getFirst(), e);
        }
    }
}
