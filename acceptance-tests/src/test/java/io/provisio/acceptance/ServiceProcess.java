package io.provisio.acceptance;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.net.ServerSocket;
import java.util.concurrent.CompletableFuture;
import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * One service of the suite as a separate JVM started from its runnable jar, as in production:
 * it can be stopped gracefully, killed, and started again on the same ports and database.
 */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int managementPort;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final Path log;
    private final List<String> jvmOptions;
    private Process process;

    ServiceProcess(String name, Path jar, int managementPort, List<String> arguments, Map<String, String> environment,
                   Path logDirectory) {
        this(name, jar, managementPort, arguments, environment, logDirectory, List.of("-Xmx384m", "-XX:TieredStopAtLevel=1"));
    }

    /** @param jvmOptions what goes between {@code java} and {@code -jar} */
    ServiceProcess(String name, Path jar, int managementPort, List<String> arguments, Map<String, String> environment,
                   Path logDirectory, List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.name = name;
        this.jar = jar;
        this.managementPort = managementPort;
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
        this.log = logDirectory.resolve(name + ".log");
    }

    String name() {
        return name;
    }

    /** Starts them all and waits until each is ready; on a failure the caller stops what started. */
    static void startAll(Collection<ServiceProcess> services, Duration timeout) {
        services.forEach(ServiceProcess::start);
        CompletableFuture.allOf(services.stream()
                .map(s -> CompletableFuture.runAsync(() -> s.awaitReady(timeout)))
                .toArray(CompletableFuture[]::new)).join();
    }

    /** A port nothing listens on right now. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The management port among a service's {@code --management.server.port=} arguments. */
    static int managementPort(List<String> arguments) {
        return Integer.parseInt(arguments.stream().filter(a -> a.startsWith("--management.server.port="))
                .findFirst().orElseThrow().substring("--management.server.port=".length()));
    }

    /** The runnable jar the reactor built for a module. */
    static Path jarOf(Path root, String module, String version) {
        return root.resolve(module).resolve("target").resolve(module + "-" + version + "-exec.jar");
    }

    void start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build the reactor (./mvnw -B verify) first");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void awaitReady(Duration timeout) {
        await("readiness of " + name).atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + log);
            }
            return ready();
        });
    }

    /** Whether its health endpoint answers at all (a frozen process accepts connections but never answers). */
    boolean answers() {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean ready() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + managementPort + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGSTOP: the process is frozen (a long GC pause, a starved VM), its sockets stay open. */
    void pause() {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    void resume() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * SIGTERM, as Kubernetes stops a pod: the service finishes in-flight work and exits. Whether it ended by itself
     * within 30 s; if not, it was killed.
     */
    boolean stop() {
        return end(false);
    }

    /** SIGKILL: the process dies between any two lines. */
    void kill() {
        end(true);
    }

    private boolean end(boolean forcibly) {
        if (process == null || !process.isAlive()) {
            return true;
        }
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (process.waitFor(30, TimeUnit.SECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    File log() {
        return log.toFile();
    }
}
