package io.provisio.notification.profile;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import io.provisio.notification.RunningService;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code customer_profiles} documents the store writes, read raw: the field names, dates, the fields a message
 * did not carry left out (never {@code null}), the nested {@code suspension}, no type hint ({@code _class}); and the
 * profile and suspension read back.
 */
class CustomerProfileStoredShapeIT extends RunningService {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.125Z");

    @Autowired
    CustomerProfileStore profiles;
    @Autowired
    MongoTemplate mongo;

    @Test
    void aProfileFromTheWelcomeStepKeepsOnlyWhatItKnowsAndItsPartnerFromTheInsert() {
        String customerId = "cus-" + UUID.randomUUID();
        profiles.saveFromWelcome(new CustomerProfile(customerId, "p-shape", "admin@akeri.se", " ", "sv", "Åkeri AB",
                null), T0);

        Document stored = raw(customerId);
        assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "partnerId", "updatedAt", "administratorEmail",
                "language", "companyName");
        assertThat(stored).containsEntry("partnerId", "p-shape").containsEntry("updatedAt", Date.from(T0))
                .containsEntry("administratorEmail", "admin@akeri.se").containsEntry("language", "sv")
                .containsEntry("companyName", "Åkeri AB");

        Instant later = T0.plusSeconds(60);
        profiles.saveFromWelcome(new CustomerProfile(customerId, "p-other", null, "Åsa Berg", null, null,
                "Partner AB"), later);
        stored = raw(customerId);
        assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "partnerId", "updatedAt", "administratorEmail",
                "administratorName", "language", "companyName", "partnerName");
        assertThat(stored).containsEntry("partnerId", "p-shape").containsEntry("updatedAt", Date.from(later))
                .containsEntry("administratorEmail", "admin@akeri.se").containsEntry("administratorName", "Åsa Berg")
                .containsEntry("partnerName", "Partner AB");

        assertThat(profiles.find("p-shape", customerId)).contains(new CustomerProfile(customerId, "p-shape",
                "admin@akeri.se", "Åsa Berg", "sv", "Åkeri AB", "Partner AB"));
        assertThat(profiles.find("p-other", customerId)).as("another partner's").isEmpty();
        assertThat(profiles.suspension("p-shape", customerId)).as("never suspended").isEmpty();
        assertThat(mongo.getCollection(CustomerProfileStore.COLLECTION).countDocuments(new Document("_class",
                new Document("$exists", true)))).as("no type hints").isZero();
    }

    @Test
    void aPartialProfileIsCreatedOnceAndNeverOverwritten() {
        String customerId = "cus-" + UUID.randomUUID();
        profiles.saveIfAbsent(new CustomerProfile(customerId, "p-shape", "ignored@akeri.se", "Ignored", "de", null,
                "Partner GmbH"), T0);

        Document stored = raw(customerId);
        assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "partnerId", "updatedAt", "language",
                "partnerName");
        assertThat(stored).containsEntry("partnerId", "p-shape").containsEntry("updatedAt", Date.from(T0))
                .containsEntry("language", "de").containsEntry("partnerName", "Partner GmbH");

        profiles.saveIfAbsent(new CustomerProfile(customerId, "p-shape", null, null, "en", "Other", null),
                T0.plusSeconds(1));
        assertThat(raw(customerId)).isEqualTo(stored);
        assertThat(profiles.find("p-shape", customerId)).contains(new CustomerProfile(customerId, "p-shape", null,
                null, "de", null, "Partner GmbH"));
    }

    @Test
    void aSuspensionIsANestedRecordTheLatestInstantWins() {
        String customerId = "cus-" + UUID.randomUUID();
        assertThat(profiles.recordSuspension("p-shape", customerId, true, T0)).as("no profile").isFalse();
        assertThat(raw(customerId)).isNull();
        profiles.saveIfAbsent(new CustomerProfile(customerId, "p-shape", null, null, "sv", null, null), T0);

        assertThat(profiles.recordSuspension("p-shape", customerId, true, T0)).isTrue();
        assertThat(profiles.recordSuspension("p-shape", customerId, true, T0)).as("a duplicate").isFalse();
        assertThat(profiles.recordSuspension("p-other", customerId, false, T0.plusSeconds(9))).as("another partner's")
                .isFalse();
        assertThat(raw(customerId).get("suspension")).isEqualTo(new Document("suspended", true)
                .append("at", Date.from(T0)));
        assertThat(profiles.suspension("p-shape", customerId)).contains(new Suspension(true, T0));

        Instant resumed = T0.plusSeconds(30);
        assertThat(profiles.recordSuspension("p-shape", customerId, false, resumed)).isTrue();
        assertThat(profiles.recordSuspension("p-shape", customerId, true, T0.plusSeconds(10))).as("an older event")
                .isFalse();
        Document stored = raw(customerId);
        assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "partnerId", "updatedAt", "language",
                "suspension");
        assertThat(stored.get("suspension")).isEqualTo(new Document("suspended", false)
                .append("at", Date.from(resumed)));
        assertThat(profiles.suspension("p-shape", customerId)).contains(new Suspension(false, resumed));
        assertThat(profiles.suspension("p-other", customerId)).isEmpty();
        assertThat(profiles.find("p-shape", customerId)).contains(new CustomerProfile(customerId, "p-shape", null,
                null, "sv", null, null));
    }

    @Test
    void anIdThatReadsAsObjectIdHexStaysAString() {
        String customerId = new ObjectId().toHexString();
        profiles.saveFromWelcome(new CustomerProfile(customerId, "p-shape", "admin@hex.se", null, "en", null, null), T0);
        profiles.saveIfAbsent(new CustomerProfile(customerId, "p-shape", null, null, "sv", null, null), T0);

        assertThat(raw(customerId)).containsEntry("_id", customerId).containsEntry("language", "en");
        assertThat(profiles.find("p-shape", customerId).orElseThrow().customerId()).isEqualTo(customerId);
    }

    private Document raw(String customerId) {
        return mongo.getCollection(CustomerProfileStore.COLLECTION).find(new Document("_id", customerId)).first();
    }
}
