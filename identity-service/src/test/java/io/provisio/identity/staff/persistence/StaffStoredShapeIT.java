package io.provisio.identity.staff.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.staff.domain.StaffMember;
import io.provisio.identity.staff.domain.StaffRole;
import io.provisio.identity.staff.domain.StaffStatus;
import io.provisio.identity.user.domain.ActivationToken;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff accounts, the per-partner admin-change claim and the failed-sign-in counters are stored field for field as
 * they always were (existing data and the bench's StoreCloner read them): instants as dates, a field written as null
 * kept as null, one never written left absent, no type hint; and documents of that shape, older ones included, read
 * back.
 */
@IdentityServiceTest
class StaffStoredShapeIT {

    private static final Instant CREATED = Instant.parse("2026-12-02T10:00:00.123Z");
    private static final Instant EXPIRES = Instant.parse("2026-12-05T10:00:00.456Z");
    private static final Instant LATER = Instant.parse("2026-12-03T08:00:00.789Z");
    private static final Instant CHANGED = Instant.parse("2026-12-04T09:30:00.012Z");

    @Autowired
    StaffStore staff;

    @Autowired
    SignInFailureStore failures;

    @Autowired
    MongoTemplate mongo;

    @Test
    void anInvitedMemberThroughActivationAndAChange() {
        String id = StaffStore.newId();
        String partnerId = "shape-" + id;
        String username = "ada." + id + "@shape.se";
        String hash = ActivationToken.hash(id);
        StaffMember invited = StaffMember.invited(id, partnerId, "Ada." + id + "@Shape.se", "Ada Lovelace",
                StaffRole.PARTNER_ADMIN, "sv", new ActivationToken(hash, EXPIRES), CREATED);

        assertThat(staff.insert(invited, List.of())).isEqualTo(StaffStore.Insertion.INSERTED);
        assertThat(stored(StaffStore.COLLECTION, id)).isEqualTo(new Document("_id", id)
                .append("partnerId", partnerId)
                .append("username", username)
                .append("displayName", "Ada Lovelace")
                .append("role", "PARTNER_ADMIN")
                .append("passwordHash", null)
                .append("status", "INVITED")
                .append("language", "sv")
                .append("invitation", new Document("hash", hash).append("expiresAt", Date.from(EXPIRES)))
                .append("createdAt", Date.from(CREATED))
                .append("version", 0L)
                .append("outbox", List.of()));
        assertThat(staff.findByInvitationHash(hash)).contains(invited);

        String nextHash = ActivationToken.hash("next-" + id);
        assertThat(staff.replaceInvitation(invited, new ActivationToken(nextHash, LATER), List.of())).isTrue();
        assertThat(staff.replaceInvitation(invited, new ActivationToken(hash, LATER), List.of()))
                .as("the replaced link is dead").isFalse();
        assertThat(stored(StaffStore.COLLECTION, id).get("invitation")).isEqualTo(new Document("hash", nextHash)
                .append("expiresAt", Date.from(LATER)));
        assertThat(staff.findByInvitationHash(hash)).isEmpty();
        StaffMember renewed = staff.findByInvitationHash(nextHash).orElseThrow();

        assertThat(staff.activate(renewed, "{bcrypt}shape", LATER)).isTrue();
        assertThat(staff.activate(renewed, "{bcrypt}again", LATER)).as("a link sets one password").isFalse();
        StaffMember active = new StaffMember(id, partnerId, username, "Ada Lovelace", StaffRole.PARTNER_ADMIN,
                "{bcrypt}shape", CREATED, StaffStatus.ACTIVE, "sv", null);
        assertThat(staff.findByUsedInvitation(nextHash)).contains(active);
        assertThat(staff.findByUsername(" Ada." + id + "@SHAPE.se")).contains(active);

        StaffMember disabled = new StaffMember(id, partnerId, username, null, StaffRole.PARTNER_AGENT,
                "{bcrypt}shape", CREATED, StaffStatus.DISABLED, "sv", null);
        assertThat(staff.change(active, disabled, CHANGED)).isTrue();
        assertThat(staff.change(active, disabled, CHANGED)).as("judged on a role and status no longer stored")
                .isFalse();
        staff.replacePasswordHash(id, "{argon2}shape");

        Document changed = stored(StaffStore.COLLECTION, id);
        assertThat(changed.keySet()).containsExactly("_id", "partnerId", "username", "displayName", "role",
                "passwordHash", "status", "language", "invitation", "createdAt", "version", "outbox",
                "usedInvitation", "activatedAt", "updatedAt");
        assertThat(changed).isEqualTo(new Document("_id", id)
                .append("partnerId", partnerId)
                .append("username", username)
                .append("displayName", null)
                .append("role", "PARTNER_AGENT")
                .append("passwordHash", "{argon2}shape")
                .append("status", "DISABLED")
                .append("language", "sv")
                .append("invitation", null)
                .append("createdAt", Date.from(CREATED))
                .append("version", 3L)
                .append("outbox", List.of())
                .append("usedInvitation", nextHash)
                .append("activatedAt", Date.from(LATER))
                .append("updatedAt", Date.from(CHANGED)));
        assertThat(staff.find(partnerId, id)).contains(new StaffMember(id, partnerId, username, null,
                StaffRole.PARTNER_AGENT, "{argon2}shape", CREATED, StaffStatus.DISABLED, "sv", null));
        assertThat(staff.find("another-partner", id)).isEmpty();
    }

    @Test
    void aBootstrappedMemberAndOneStoredBeforeInvitations() {
        String id = StaffStore.newId();
        String partnerId = "shape-" + id;
        StaffMember bootstrapped = StaffMember.active(id, partnerId, "bo." + id + "@shape.se", null,
                StaffRole.PARTNER_AGENT, "{bcrypt}bo", LATER);

        assertThat(staff.insertIfAbsent(bootstrapped)).isTrue();
        assertThat(staff.insertIfAbsent(bootstrapped)).isFalse();
        assertThat(stored(StaffStore.COLLECTION, id)).isEqualTo(new Document("_id", id)
                .append("partnerId", partnerId)
                .append("username", "bo." + id + "@shape.se")
                .append("displayName", null)
                .append("role", "PARTNER_AGENT")
                .append("passwordHash", "{bcrypt}bo")
                .append("status", "ACTIVE")
                .append("language", "en")
                .append("invitation", null)
                .append("createdAt", Date.from(LATER)));

        // Written before invitations, statuses and languages: no status, language nor invitation at all.
        String oldId = StaffStore.newId();
        mongo.getCollection(StaffStore.COLLECTION).insertOne(new Document("_id", oldId)
                .append("partnerId", partnerId)
                .append("username", "old." + oldId + "@shape.se")
                .append("displayName", "Old Timer")
                .append("role", "PARTNER_ADMIN")
                .append("passwordHash", "{bcrypt}old")
                .append("createdAt", Date.from(CREATED)));
        StaffMember old = new StaffMember(oldId, partnerId, "old." + oldId + "@shape.se", "Old Timer",
                StaffRole.PARTNER_ADMIN, "{bcrypt}old", CREATED, StaffStatus.ACTIVE, "en", null);
        assertThat(staff.find(oldId)).contains(old);

        assertThat(staff.page(partnerId, 0, 10)).containsExactly(old, bootstrapped);
        assertThat(staff.page(partnerId, 1, 1)).containsExactly(bootstrapped);
        assertThat(staff.count(partnerId)).isEqualTo(2);
    }

    @Test
    void thePartnersAdminChangeClaim() {
        String partnerId = "shape-" + StaffStore.newId();

        assertThat(staff.claimAdminChange(partnerId, "first", CREATED, LATER)).isTrue();
        assertThat(stored(StaffStore.ADMIN_CLAIMS, partnerId)).isEqualTo(new Document("_id", partnerId)
                .append("owner", "first").append("until", Date.from(LATER)));
        assertThat(staff.claimAdminChange(partnerId, "second", CREATED, EXPIRES)).as("held").isFalse();

        assertThat(staff.claimAdminChange(partnerId, "second", CHANGED, EXPIRES)).as("its lease ran out").isTrue();
        assertThat(stored(StaffStore.ADMIN_CLAIMS, partnerId)).isEqualTo(new Document("_id", partnerId)
                .append("owner", "second").append("until", Date.from(EXPIRES)));

        staff.releaseAdminChange(partnerId, "first");
        assertThat(stored(StaffStore.ADMIN_CLAIMS, partnerId)).as("not first's any more").isNotNull();
        staff.releaseAdminChange(partnerId, "second");
        assertThat(stored(StaffStore.ADMIN_CLAIMS, partnerId)).isNull();
    }

    @Test
    void signInFailuresCountedLockedAndCountedAgainInANewWindow() {
        String name = "shape-" + StaffStore.newId() + "@shape.se";
        Duration window = Duration.ofMinutes(15);
        Duration lockout = Duration.ofMinutes(10);
        Instant second = CREATED.plusSeconds(60);
        Instant third = CREATED.plusSeconds(120);

        assertThat(failures.recordFailure(name, CREATED, 3, window, lockout)).isFalse();
        assertThat(stored(SignInFailureStore.COLLECTION, name)).isEqualTo(new Document("_id", name)
                .append("failures", 1)
                .append("windowStart", Date.from(CREATED))
                .append("expiresAt", Date.from(CREATED.plus(window).plus(lockout))));
        assertThat(failures.lockedUntil(name, CREATED)).isEmpty();

        assertThat(failures.recordFailure(name, second, 3, window, lockout)).isFalse();
        assertThat(failures.recordFailure(name, third, 3, window, lockout)).isTrue();
        Document locked = stored(SignInFailureStore.COLLECTION, name);
        assertThat(locked.keySet()).containsExactly("_id", "failures", "windowStart", "expiresAt", "lockedUntil");
        assertThat(locked).isEqualTo(new Document("_id", name)
                .append("failures", 3)
                .append("windowStart", Date.from(CREATED))
                .append("expiresAt", Date.from(third.plus(window).plus(lockout)))
                .append("lockedUntil", Date.from(third.plus(lockout))));
        assertThat(failures.lockedUntil(name, third)).contains(third.plus(lockout));
        assertThat(failures.lockedUntil(name, third.plus(lockout))).isEmpty();

        Instant nextHour = CREATED.plus(Duration.ofHours(1));
        assertThat(failures.recordFailure(name, nextHour, 3, window, lockout)).isFalse();
        assertThat(stored(SignInFailureStore.COLLECTION, name)).isEqualTo(new Document("_id", name)
                .append("failures", 1)
                .append("windowStart", Date.from(nextHour))
                .append("expiresAt", Date.from(nextHour.plus(window).plus(lockout)))
                .append("lockedUntil", null));
        assertThat(failures.lockedUntil(name, nextHour)).isEmpty();

        failures.clear(name);
        assertThat(stored(SignInFailureStore.COLLECTION, name)).isNull();
    }

    private Document stored(String collection, String id) {
        return mongo.getCollection(collection).find(eq("_id", id)).first();
    }
}
