package io.provisio.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

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
