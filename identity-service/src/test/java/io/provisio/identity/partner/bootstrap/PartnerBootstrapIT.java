package io.provisio.identity.partner.bootstrap;

import java.util.List;

import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.partner.persistence.ApiClientStore;
import io.provisio.platform.bootstrap.BootstrapFile;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

@IdentityServiceTest
class PartnerBootstrapIT {

    @Autowired
    PartnerBootstrap bootstrap;

    @Autowired
    ApiClientStore clients;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    MongoTemplate mongo;

    @Test
    void storesDemoSecretOnlyAsBcryptHash() {
        Document stored = mongo.getCollection("api_clients").find(eq("clientId", "nordic-it-api")).first();

        assertThat(stored.getString("secretHash")).startsWith("{bcrypt}").doesNotContain("change-me");
        assertThat(stored.getString("partnerId")).isEqualTo("nordic-it");
        assertThat(stored.getList("scopes", String.class)).containsExactly("catalog", "onboarding");
        assertThat(mongo.getCollection("partners").find(eq("_id", "nordic-it")).first().getString("name"))
                .isEqualTo("Nordic IT Partner AB");
    }

    @Test
    void keepsStoredClientWhenBootstrapFileChangesItsSecret() {
        bootstrap.apply(new BootstrapFile(List.of(new BootstrapFile.Partner("nordic-it", "Renamed AB",
                List.of(new BootstrapFile.Client("nordic-it-api", "{noop}a-new-secret", List.of("operator"))))),
                null, null));

        RegisteredClient client = clients.findByClientId("nordic-it-api");
        assertThat(passwords.matches("change-me", client.getClientSecret())).isTrue();
        assertThat(passwords.matches("a-new-secret", client.getClientSecret())).isFalse();
        assertThat(client.getScopes()).containsExactlyInAnyOrder("onboarding", "catalog");
        assertThat(mongo.getCollection("partners").find(eq("_id", "nordic-it")).first().getString("name"))
                .isEqualTo("Nordic IT Partner AB");
        assertThat(mongo.getCollection("api_clients").countDocuments(eq("clientId", "nordic-it-api"))).isEqualTo(1);
    }

    @Test
    void givesAStoredPartnerItsNotificationAddressOnlyWhereItHasNone() {
        String id = "late-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        bootstrap.apply(new BootstrapFile(List.of(new BootstrapFile.Partner(id, "Late AB", List.of())), null, null));
        assertThat(mongo.getCollection("partners").find(eq("_id", id)).first().getString("notificationEmail"))
                .isNull();

        bootstrap.apply(new BootstrapFile(List.of(new BootstrapFile.Partner(id, "Late AB", "desk@late.example",
                List.of())), null, null));
        bootstrap.apply(new BootstrapFile(List.of(new BootstrapFile.Partner(id, "Late AB", "other@late.example",
                List.of())), null, null));

        assertThat(mongo.getCollection("partners").find(eq("_id", id)).first().getString("notificationEmail"))
                .as("set where missing, never replaced").isEqualTo("desk@late.example");
    }
}
