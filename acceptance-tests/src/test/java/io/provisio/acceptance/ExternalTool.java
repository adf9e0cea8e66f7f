package io.provisio.acceptance;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/**
 * A command-line tool the deploy checks run (promtool, docker-compose, kubectl), found on {@code PATH} or in
 * {@code /usr/bin}; a missing tool fails the test with how to install it.
 *
 * @param install what to tell whoever lacks the tool
 */
record ExternalTool(String name, String install) {

    private static final long TIMEOUT_SECONDS = 60;

    /** What a run printed (standard output and error together) and how it ended. */
    record Result(int exitCode, String output) {
    }

    /** Runs the tool in {@code directory} with extra environment variables, its output kept in {@code work}. */
    Result run(Path directory, Path work, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable().toString());
        command.addAll(List.of(arguments));
        try {
            Path log = Files.createTempFile(work, name, ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(name + " did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", command)
                        + "\n" + Files.readString(log));
            }
            return new Result(process.exitValue(), "$ " + String.join(" ", command) + " (in " + directory + ")\n"
                    + Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }

    private Path executable() {
        Stream<Path> onPath = Stream.of(Optional.ofNullable(System.getenv("PATH")).orElse("").split(File.pathSeparator))
                .filter(directory -> !directory.isBlank())
                .flatMap(directory -> {
                    try {
                        return Stream.of(Path.of(directory, name));
                    } catch (InvalidPathException e) {
                        return Stream.empty();
                    }
                });
        return Stream.concat(onPath, Stream.of(Path.of("/usr/bin", name)))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseGet(() -> fail(name + " not found: " + install));
    }
}
