package io.provisio.acceptance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository's shell scripts ({@code deploy/}, {@code bench/}, {@code .ci/run}) never put a comment line inside a
 * command continued with a backslash: bash ends the command at the comment, so the assignments before it become
 * plain shell variables and the program after it starts without them. deploy/local/run.sh did exactly that for a
 * day: the five services started without their bootstrap file, broker users, store URI and issuer.
 */
class ShellScriptsTest {

    private static final Path ROOT = Path.of(System.getProperty("provisio.root", "..")).toAbsolutePath().normalize();

    @Test
    void noCommentBreaksAContinuedCommand() throws IOException {
        List<Path> scripts = new ArrayList<>();
        for (String dir : List.of("deploy", "bench", "bin")) {
            if (Files.isDirectory(ROOT.resolve(dir))) {
                try (Stream<Path> files = Files.walk(ROOT.resolve(dir))) {
                    files.filter(f -> f.toString().endsWith(".sh")).filter(f -> !f.toString().contains("/target/"))
                            .forEach(scripts::add);
                }
            }
        }
        scripts.add(ROOT.resolve(".ci/run"));
        assertThat(scripts).contains(ROOT.resolve("deploy/local/run.sh"));

        List<String> broken = new ArrayList<>();
        for (Path script : scripts) {
            List<String> lines = Files.readAllLines(script);
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i - 1).endsWith("\\") && lines.get(i).strip().startsWith("#")) {
                    broken.add(ROOT.relativize(script) + ":" + (i + 1) + ": " + lines.get(i).strip());
                }
            }
        }
        assertThat(broken).as("comment lines inside a continued command").isEmpty();
    }
}
