package io.provisio.console;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's scripts' own tests ({@code src/test/js}, Node's built-in test runner): run by {@code ./mvnw verify}
 * with the machine's Node 20, no npm package and nothing downloaded (ADR 024). A failing script test fails the build
 * with its TAP report as the message.
 */
class ConsoleScriptsTest {

    private static final Duration LIMIT = Duration.ofMinutes(2);

    @Test
    void theScriptTestsPassUnderNode() throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "--test", "src/test/js/")
                .directory(Path.of("").toAbsolutePath().toFile())
                .redirectErrorStream(true)
                .start();
        boolean finished = node.waitFor(LIMIT.toSeconds(), TimeUnit.SECONDS);
        String report = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!finished) {
            node.destroyForcibly();
        }

        assertThat(finished).as("node --test finished within %s", LIMIT).isTrue();
        assertThat(node.exitValue()).as(report).isZero();
        assertThat(report).contains("# fail 0").doesNotContain("# pass 0");
    }
}
