package io.provisio.identity.user.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.Contact;
import io.provisio.identity.user.domain.ContactKind;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.SetupLink;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserRole;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documents the stores write, field for field and in order, as identity has always stored them (bench's
 * StoreCloner, the acceptance tests and existing data read them): Spring Data's mapping must add no type hint and drop
 * no field written as null.
 */
@IdentityServiceTest
class StoredShapeIT {

    private static final Instant CREATED = Instant.parse("2026-12-02T10:00:00.123Z");
    private static final Instant EXPIRES = Instant.parse("2026-12-05T10:00:00.456Z");
    private static final Instant LATER = Instant.parse("2026-12-03T08:00:00.789Z");

    @Autowired
    UserStore users;

    @Autowired
    UserQueries queries;

    @Autowired
    ActivationLinkStore activations;

    @Autowired
    OrganizationStore organizations;

    @Autowired
    SetupLinkStore links;

    @Autowired
    MongoTemplate mongo;

    @Test
    void anInvitedUserThroughActivation() {
        String id = UUID.randomUUID().toString();
        String customerId = UUID.randomUUID().toString();
        String hash = ActivationToken.hash(UUID.randomUUID().toString());
        User invited = User.create(id, "nordic-it", customerId, null, "ada", "Ada", "Lovelace", null,
                "Ada." + id + "@Shape.se", null, UserRole.USER, "shape-" + id + ".se",
                new ActivationToken(hash, EXPIRES), CREATED);

        assertThat(users.insert(invited, List.of())).isEqualTo(UserStore.Insertion.INSERTED);
        assertThat(stored(UserStore.COLLECTION, id)).isEqualTo(new Document("_id", id)
                .append("partnerId", "nordic-it")
                .append("customerId", customerId)
                .append("sagaId", null)
                .append("username", "ada")
                .append("upn", "ada@shape-" + id + ".se")
                .append("upnKey", "ada@shape-" + id + ".se")
                .append("firstName", "Ada")
                .append("lastName", "Lovelace")
                .append("displayName", "Ada Lovelace")
                .append("email", "Ada." + id + "@Shape.se")
                .append("emailKey", "ada." + id + "@shape.se")
                .append("passwordHash", null)
                .append("role", "USER")
                .append("status", "INVITED")
                .append("activation", new Document("hash", hash).append("expiresAt", Date.from(EXPIRES)))
                .append("createdAt", Date.from(CREATED))
                .append("version", 0L)
                .append("outbox", List.of()));

        assertThat(activations.requestRenewal(invited, LATER, List.of())).isTrue();
        assertThat(stored(UserStore.COLLECTION, id).get("activation")).isEqualTo(new Document("hash", hash)
                .append("expiresAt", Date.from(EXPIRES)).append("renewalRequestedAt", Date.from(LATER)));
        assertThat(activations.renewalRequestedAt(hash)).contains(LATER);

        assertThat(activations.activate(invited, "{bcrypt}shape")).isTrue();
        Document active = stored(UserStore.COLLECTION, id);
        assertThat(active.get("status")).isEqualTo("ACTIVE");
        assertThat(active.get("passwordHash")).isEqualTo("{bcrypt}shape");
        assertThat(active).containsEntry("activation", null);
        assertThat(active.get("spentActivationTokens")).isEqualTo(List.of(new Document("hash", hash)
                .append("reason", "USED")));
        assertThat(active.get("version")).isEqualTo(2L);
        assertThat(active).doesNotContainKey("_class");
        assertThat(activations.spent(hash)).contains(ActivationLinkStore.Spent.USED);
        assertThat(activations.customerOfSpent(hash)).contains(customerId);

        assertThat(users.markDeleted(queries.find(id).orElseThrow(), List.of())).isTrue();
        Document tombstone = stored(UserStore.COLLECTION, id);
        assertThat(tombstone.keySet()).containsExactly("_id", "partnerId", "customerId", "sagaId", "username", "upn",
                "upnKey", "firstName", "lastName", "displayName", "email", "emailKey", "passwordHash", "role", "status",
                "activation", "createdAt", "version", "outbox", "spentActivationTokens", "deleted");
        assertThat(tombstone).containsEntry("deleted", true).containsEntry("upnKey", "deleted:" + id)
                .containsEntry("email", null).containsEntry("passwordHash", null)
                .containsEntry("spentActivationTokens", List.of());
    }

    @Test
    void anOrganizationWithItsContactsSuspensionAndClaim() {
        String id = UUID.randomUUID().toString();
        Contact admin = new Contact("c1", ContactKind.ADMIN, "Bengt", "bengt@shape.se", null);
        Contact site = new Contact("c2", ContactKind.SITE_ADMIN, "Åsa", "asa@shape.se", "+46 31 10 20 30");

        assertThat(organizations.insertIfAbsent(new Organization(id, "nordic-it", "saga-" + id, "shape", "Shape AB",
                List.of("shape.se"), "sv", List.of(admin, site), false, CREATED))).isTrue();
        assertThat(stored(OrganizationStore.COLLECTION, id)).isEqualTo(new Document("_id", id)
                .append("partnerId", "nordic-it")
                .append("sagaId", "saga-" + id)
                .append("accountName", "shape")
                .append("companyName", "Shape AB")
                .append("domains", List.of("shape.se"))
                .append("language", "sv")
                .append("contacts", List.of(
                        new Document("id", "c1").append("kind", "ADMIN").append("name", "Bengt")
                                .append("email", "bengt@shape.se").append("phone", null),
                        new Document("id", "c2").append("kind", "SITE_ADMIN").append("name", "Åsa")
                                .append("email", "asa@shape.se").append("phone", "+46 31 10 20 30")))
                .append("deleted", false)
                .append("createdAt", Date.from(CREATED))
                .append("version", 0L)
                .append("outbox", List.of()));

        assertThat(organizations.replaceContacts(id, 0L, List.of(site))).isTrue();
        assertThat(organizations.replaceContacts(id, 0L, List.of(admin))).as("a stale version loses").isFalse();
        assertThat(organizations.recordSuspension(id, "nordic-it", true, LATER)).isTrue();
        assertThat(organizations.claimAdministratorRemoval(id, "u1", CREATED, EXPIRES)).isTrue();
        assertThat(organizations.claimAdministratorRemoval(id, "u2", CREATED, EXPIRES)).isFalse();

        Document changed = stored(OrganizationStore.COLLECTION, id);
        assertThat(changed.get("contacts")).isEqualTo(List.of(new Document("id", "c2").append("kind", "SITE_ADMIN")
                .append("name", "Åsa").append("email", "asa@shape.se").append("phone", "+46 31 10 20 30")));
        assertThat(changed.get("suspension")).isEqualTo(new Document("suspended", true)
                .append("at", Date.from(LATER)).append("since", Date.from(LATER)));
        assertThat(changed.get("administratorRemoval")).isEqualTo(new Document("userId", "u1")
                .append("until", Date.from(EXPIRES)));
        assertThat(changed.get("version")).as("only the contacts moved the version").isEqualTo(1L);
        assertThat(organizations.findVersioned(id).orElseThrow().version()).isEqualTo(1L);
        assertThat(organizations.isSuspended(id)).isTrue();

        organizations.releaseAdministratorRemoval(id, "u1");
        assertThat(stored(OrganizationStore.COLLECTION, id)).doesNotContainKey("administratorRemoval");
    }

    @Test
    void aSetupLinkThroughCompletion() {
        String customerId = UUID.randomUUID().toString();
        String hash = ActivationToken.hash(customerId);
        SetupLink link = new SetupLink(customerId, "nordic-it", "DELEGATE", "it@shape.se", LocalDate.of(2027, 1, 4),
                List.of("M365-BP"), new ActivationToken(hash, EXPIRES), CREATED, null, null);

        assertThat(links.insertIfAbsent(link, List.of())).isTrue();
        assertThat(stored(SetupLinkStore.COLLECTION, customerId)).isEqualTo(new Document("_id", customerId)
                .append("partnerId", "nordic-it")
                .append("by", "DELEGATE")
                .append("contactEmail", "it@shape.se")
                .append("startDate", "2027-01-04")
                .append("services", List.of("M365-BP"))
                .append("hash", hash)
                .append("expiresAt", Date.from(EXPIRES))
                .append("createdAt", Date.from(CREATED))
                .append("completedAt", null)
                .append("subdomain", null)
                .append("version", 0L)
                .append("outbox", List.of()));
        assertThat(links.findByHash(hash)).contains(link);

        assertThat(links.complete(link, LATER, "shape.provisio.cloud", List.of())).isTrue();
        assertThat(links.complete(link, LATER, "again.provisio.cloud", List.of())).isFalse();
        Document completed = stored(SetupLinkStore.COLLECTION, customerId);
        assertThat(completed).containsEntry("completedAt", Date.from(LATER))
                .containsEntry("subdomain", "shape.provisio.cloud");
    }

    private Document stored(String collection, String id) {
        return mongo.getCollection(collection).find(eq("_id", id)).first();
    }
}
