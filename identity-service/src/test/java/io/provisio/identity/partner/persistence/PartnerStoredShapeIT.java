package io.provisio.identity.partner.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.partner.domain.ApiClient;
import io.provisio.identity.partner.domain.ApiScope;
import io.provisio.identity.partner.domain.Partner;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/** Partners and API clients are stored field for field as they always were, mapped by Spring Data. */
@IdentityServiceTest
class PartnerStoredShapeIT {

    private static final Instant CREATED = Instant.parse("2026-12-02T10:00:00.123Z");

    @Autowired
    PartnerStore partners;

    @Autowired
    ApiClientStore clients;

    @Autowired
    MongoTemplate mongo;

    @Test
    void aPartnerWithoutANotificationAddressUntilItGetsOne() {
        String id = "shape-" + UUID.randomUUID();

        assertThat(partners.insertIfAbsent(new Partner(id, "Shape MSP", CREATED))).isTrue();
        assertThat(stored(PartnerStore.COLLECTION, id)).isEqualTo(new Document("_id", id).append("name", "Shape MSP")
                .append("notificationEmail", null).append("createdAt", Date.from(CREATED)));
        assertThat(partners.setNotificationEmailIfMissing(id, "ops@shape.se")).isTrue();
        assertThat(partners.find(id)).contains(new Partner(id, "Shape MSP", "ops@shape.se", CREATED));
    }

    @Test
    void anApiClientWithItsScopesAsValues() {
        String id = UUID.randomUUID().toString();
        String clientId = "shape-" + id;

        assertThat(clients.insertIfAbsent(new ApiClient(id, "nordic-it", clientId, "{bcrypt}hash",
                Set.of(ApiScope.ONBOARDING, ApiScope.CATALOG), CREATED))).isTrue();
        assertThat(stored(ApiClientStore.COLLECTION, id)).isEqualTo(new Document("_id", id)
                .append("partnerId", "nordic-it").append("clientId", clientId).append("secretHash", "{bcrypt}hash")
                .append("scopes", List.of("catalog", "onboarding")).append("createdAt", Date.from(CREATED)));
        assertThat(clients.findByClientId(clientId).getScopes()).containsExactlyInAnyOrder("catalog", "onboarding");
        assertThat(clients.findById(id).getClientSettings().<String>getSetting(ApiClientStore.PARTNER_ID_SETTING))
                .isEqualTo("nordic-it");
    }

    private Document stored(String collection, String id) {
        return mongo.getCollection(collection).find(eq("_id", id)).first();
    }
}
