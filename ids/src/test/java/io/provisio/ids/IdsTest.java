package io.provisio.ids;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {

    @Test
    void newIdsAreVersion7AndSortInTheOrderTheyWereMade() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(Ids.newId("onb"));
        }
        assertThat(made).isSorted().doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(UUID.fromString(id.substring(4)).version()).isEqualTo(7));
    }

    @Test
    void aDerivedIdIsTheSameForTheSameNameAndSortsWithItsAnchor() {
        String saga = Ids.newId("onb");
        String admin = Ids.derived(saga, saga + "/administrator");

        assertThat(Ids.derived(saga, saga + "/administrator")).isEqualTo(admin);
        assertThat(Ids.derived(saga, saga + "/contact/1")).isNotEqualTo(admin);
        UUID uuid = UUID.fromString(admin);
        assertThat(uuid.version()).isEqualTo(8);
        assertThat(uuid.variant()).isEqualTo(2);
        assertThat(admin.substring(0, 13)).as("the saga's milliseconds").isEqualTo(saga.substring(4, 17));
        String before = millisecondsLater(saga, -1);
        String after = millisecondsLater(saga, 1);
        assertThat(Ids.derived(before, before + "/administrator")).isLessThan(admin);
        assertThat(Ids.derived(after, after + "/administrator")).isGreaterThan(admin);
    }

    @Test
    void derivedIdsOfOneAnchorDoNotCollide() {
        String saga = Ids.newId("onb");
        HashSet<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(Ids.derived(saga, saga + "/" + i));
        }
        assertThat(ids).hasSize(100_000);
    }

    @Test
    void anIdMadeBeforeIdsWereTimeOrderedKeepsTheIdsItsNamesAlwaysHad() {
        String oldSaga = "onb-" + UUID.randomUUID();
        String name = "subscription/" + oldSaga + "/CUSTOMER-PORTAL";
        assertThat(Ids.derived(oldSaga, name))
                .isEqualTo(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(Ids.derived("not-a-uuid", "x"))
                .isEqualTo(UUID.nameUUIDFromBytes("x".getBytes(StandardCharsets.UTF_8)).toString());
        assertThat(Ids.derived("x" + Ids.newId(), "y")).as("a UUID not after a dash is not the anchor's")
                .isEqualTo(UUID.nameUUIDFromBytes("y".getBytes(StandardCharsets.UTF_8)).toString());
    }

    /** The same version 7 id, {@code millis} later in time. */
    private static String millisecondsLater(String id, long millis) {
        UUID uuid = UUID.fromString(id.substring(4));
        return "onb-" + new UUID(uuid.getMostSignificantBits() + (millis << 16), uuid.getLeastSignificantBits());
    }
}
