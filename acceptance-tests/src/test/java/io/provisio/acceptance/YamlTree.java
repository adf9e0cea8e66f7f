package io.provisio.acceptance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the maps and lists snakeyaml makes of a YAML document, where a missing key is an empty value. */
final class YamlTree {

    private YamlTree() {
    }

    /** The YAML file at {@code relative} below the repository's root {@code root}. */
    static Map<String, Object> load(Path root, String relative) {
        Path file = root.resolve(relative);
        assertThat(file).as("provisio.root is the repository root: " + root).isRegularFile();
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value at {@code path} below {@code node}, or null where a step is missing or not a map. */
    static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    /** The map at {@code path}; empty when missing. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        return at(node, path) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** The list of maps at {@code path}; empty when missing. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object node, String... path) {
        return at(node, path) instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    /** The map at {@code path} with its values as strings (labels, data). */
    static Map<String, String> strings(Object node, String... path) {
        Map<String, String> strings = new TreeMap<>();
        map(node, path).forEach((key, value) -> strings.put(key, String.valueOf(value)));
        return strings;
    }
}
