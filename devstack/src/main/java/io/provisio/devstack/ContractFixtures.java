package io.provisio.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

import io.provisio.messages.MessageTypes;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pins a message contract to a JSON fixture, so drift between a provider and its consumers fails
 * the build: the fixture must read into the record with no unknown field, and the record must
 * write back exactly the fixture (no field lost, none added, none renamed).
 */
public final class ContractFixtures {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private ContractFixtures() {
    }

    /**
     * @param fixture a classpath resource, e.g. {@code /contracts/CreateAdministrator.json}
     * @throws AssertionError when the record and the fixture disagree
     */
    public static <T> T assertPinned(Class<T> contract, String fixture) {
        JsonNode expected = read(fixture);
        T value = JSON.treeToValue(expected, contract);
        JsonNode written = JSON.valueToTree(value);
        if (!written.equals(expected)) {
            throw new AssertionError(contract.getSimpleName() + " drifted from " + fixture
                    + "\n expected: " + expected + "\n written:  " + written);
        }
        return value;
    }

    /**
     * Pins the wire names of a registry: {@code fixture} is a JSON object of wire name to record class, and the
     * registry must hold exactly those pairs. A renamed record, a record moved to another package, or a message
     * added or removed without touching the fixture fails the build (ADR 020): the names are what travels, and
     * what the outbox and the saga store keep.
     *
     * @param fixture a classpath resource, e.g. {@code /contracts/message-types.json}
     * @throws AssertionError when the registry and the fixture disagree
     */
    public static void assertWireNames(MessageTypes<?> types, String fixture) {
        Map<String, String> expected = new TreeMap<>();
        read(fixture).properties().forEach(e -> expected.put(e.getKey(), e.getValue().asString()));
        Map<String, String> actual = new TreeMap<>();
        types.byName().forEach((name, type) -> actual.put(name, type.getName()));
        if (!actual.equals(expected)) {
            throw new AssertionError(types.root().getSimpleName() + " wire names drifted from " + fixture
                    + "\n expected: " + expected + "\n actual:   " + actual);
        }
    }

    private static JsonNode read(String fixture) {
        try (InputStream in = ContractFixtures.class.getResourceAsStream(fixture)) {
            if (in == null) {
                throw new AssertionError("no fixture " + fixture + " on the test classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
