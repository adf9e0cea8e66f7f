package io.provisio.identity.user.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import io.provisio.identity.IdentityServiceTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexInfo;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/** What the start-up does to users stored before sign-in names were unique across the platform (ADR 012). */
@IdentityServiceTest
class UserStoreIT {

    @Autowired
    UserStore users;

    @Autowired
    UserQueries queries;

    @Autowired
    MongoTemplate mongo;

    @Test
    void givesLegacyUsersTheirSignInKeyAndLeavesTheYoungerOfTwoSharingOneWithout() {
        String account = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        String upn = "admin@" + account + ".provisio.cloud";
        String older = legacyUser("nordic-it", upn, Instant.parse("2026-01-01T10:00:00Z"));
        String younger = legacyUser("alpine-msp", upn, Instant.parse("2026-02-01T10:00:00Z"));

        users.afterPropertiesSet();

        assertThat(upnKeyOf(older)).isEqualTo(upn);
        assertThat(upnKeyOf(younger)).isNull();
        assertThat(queries.findByUpn(upn.toUpperCase())).get().extracting(u -> u.id()).isEqualTo(older);
    }

    @Test
    void replacesTheUniqueUsernamePerCustomerByTheUniqueSignInName() {
        mongo.indexOps(UserStore.COLLECTION).createIndex(new Index().on("customerId", Sort.Direction.ASC)
                .on("username", Sort.Direction.ASC).unique().named(UserStore.OLD_USERNAME_INDEX));

        users.afterPropertiesSet();

        assertThat(mongo.indexOps(UserStore.COLLECTION).getIndexInfo()).extracting(IndexInfo::getName)
                .contains(UserStore.UPN_INDEX, UserStore.EMAIL_INDEX)
                .doesNotContain(UserStore.OLD_USERNAME_INDEX);
    }

    /** A user document as identity wrote it before {@code upnKey} existed. */
    private String legacyUser(String partnerId, String upn, Instant createdAt) {
        String id = UUID.randomUUID().toString();
        String email = "admin." + id + "@legacy.se";
        mongo.getCollection(UserStore.COLLECTION).insertOne(new Document("_id", id)
                .append("partnerId", partnerId).append("customerId", UUID.randomUUID().toString())
                .append("sagaId", UUID.randomUUID().toString()).append("username", "admin").append("upn", upn)
                .append("firstName", "Ada").append("lastName", "Admin").append("displayName", "Ada Admin")
                .append("email", email).append("emailKey", email).append("passwordHash", "{bcrypt}x")
                .append("role", "ADMINISTRATOR").append("status", "ACTIVE").append("activation", null)
                .append("createdAt", Date.from(createdAt)).append("version", 0L));
        return id;
    }

    private String upnKeyOf(String id) {
        return mongo.getCollection(UserStore.COLLECTION).find(eq("_id", id)).first().getString("upnKey");
    }
}
