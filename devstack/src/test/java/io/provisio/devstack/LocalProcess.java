package io.provisio.devstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/** One of the local run's own processes (the store, the SMTP sink) as run.sh starts it, for the ITs that kill it. */
final class LocalProcess {

    private LocalProcess() {
    }

    /** Starts {@code main} on {@code port} with its data (and its log) in {@code data}; returns once it listens. */
    static Process start(Class<?> main, int port, Path data, String log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName(), Integer.toString(port)))
                .redirectErrorStream(true).redirectOutput(data.resolve(log).toFile());
        builder.environment().put("PROVISIO_DATA_DIR", data.toString());
        Process process = builder.start();
        await(main.getSimpleName() + " listening").atMost(Duration.ofSeconds(30))
                .until(() -> Infrastructure.reachable("127.0.0.1", port));
        return process;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
