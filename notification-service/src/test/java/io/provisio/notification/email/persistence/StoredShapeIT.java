package io.provisio.notification.email.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.provisio.notification.MutableClock;
import io.provisio.notification.RunningService;
import io.provisio.notification.email.domain.HistoryEntry;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The documents the stores write, read raw: the field names, value types and nulls the hand-built documents had
 * before Spring Data mapped the aggregate (bench's StoreCloner, the acceptance tests and existing data read them), no
 * type hint ({@code _class}) anywhere, and the aggregate read back whole. E-mails are due in a year, so the running
 * dispatcher leaves them alone; a claim is taken by hand as the dispatcher's find-and-modify would.
 */
class StoredShapeIT extends RunningService {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    MutableClock clock;
    @Autowired
    SagaNotificationStore emails;
    @Autowired
    NotificationQueries queries;
    @Autowired
    PartnerChanges changes;
    @Autowired
    DispatchClaims claims;
    @Autowired
    SuspensionHoldStore suspensions;

    @Test
    void anActivationIsStoredAsTheHandBuiltDocumentWasAndReadBackWhole() {
        Instant now = clock.instant();
        Instant sendAt = now.plus(Duration.ofDays(365));
        Instant expiresAt = now.plus(Duration.ofDays(400));
        Notification activation = Notification.scheduled("ntf-" + UUID.randomUUID(), "p1", "cus-" + UUID.randomUUID(),
                null, Template.ACTIVATION, "asa@example.se", Language.SV,
                Map.of("recipientName", "Åsa", "expiresAt", expiresAt.toString(), "units", 3), sendAt, now)
                .withActivation("usr-1", "secret-token");

        assertThat(emails.insertIfAbsent(activation)).isTrue();
        assertThat(emails.insertIfAbsent(activation)).as("a redelivery").isFalse();

        Document stored = raw(activation.id());
        assertThat(stored.keySet()).containsExactlyInAnyOrder("_id", "partnerId", "customerId", "sagaId", "userId",
                "template", "to", "language", "model", "sendAt", "status", "attempts", "lastError", "sentAt",
                "createdAt", "resentFrom", "history", "activationToken", "activationExpiresAt");
        assertThat(stored).containsEntry("sagaId", null).containsEntry("lastError", null)
                .containsEntry("sentAt", null).containsEntry("resentFrom", null)
                .containsEntry("template", "ACTIVATION").containsEntry("language", "sv")
                .containsEntry("status", "SCHEDULED").containsEntry("attempts", 0)
                .containsEntry("userId", "usr-1").containsEntry("activationToken", "secret-token")
                .containsEntry("sendAt", Date.from(sendAt)).containsEntry("createdAt", Date.from(now))
                .containsEntry("activationExpiresAt", Date.from(expiresAt));
        assertThat(stored.get("model", Document.class)).isEqualTo(new Document("recipientName", "Åsa")
                .append("expiresAt", expiresAt.toString()).append("units", 3));
        assertThat(stored.getList("history", Document.class)).containsExactly(new Document("at", Date.from(now))
                .append("event", "SCHEDULED").append("by", "system").append("detail", "sendAt " + sendAt));

        Instant later = sendAt.plus(Duration.ofHours(1));
        assertThat(changes.reschedule("p1", activation.customerId(), activation.id(), later, now)).isTrue();
        claimByHand(activation.id(), "dispatcher-1", now);
        assertThat(claims.markRetry(activation.id(), "dispatcher-1", "451 busy", later, now)).isTrue();
        assertThat(claims.markRetry(activation.id(), "dispatcher-1", "451 busy", later, now)).as("claim gone").isFalse();

        stored = raw(activation.id());
        assertThat(stored).doesNotContainKeys("leaseOwner", "leaseUntil")
                .containsEntry("status", "SCHEDULED").containsEntry("attempts", 1)
                .containsEntry("lastError", "451 busy").containsEntry("sendAt", Date.from(later))
                .containsEntry("activationToken", "secret-token");
        assertThat(stored.getList("history", Document.class)).hasSize(3).allSatisfy(entry ->
                assertThat(entry.keySet()).containsExactly("at", "event", "by", "detail"));
        assertThat(stored.getList("history", Document.class).get(1)).isEqualTo(new Document("at", Date.from(now))
                .append("event", "RESCHEDULED").append("by", "p1").append("detail", "sendAt " + later));

        Notification read = queries.find("p1", activation.customerId(), activation.id()).orElseThrow();
        assertThat(read.language()).isEqualTo(Language.SV);
        assertThat(read.template()).isEqualTo(Template.ACTIVATION);
        assertThat(read.status()).isEqualTo(NotificationStatus.SCHEDULED);
        assertThat(read.attempts()).isEqualTo(1);
        assertThat(read.sendAt()).isEqualTo(later);
        assertThat(read.createdAt()).isEqualTo(now);
        assertThat(read.activationToken()).isEqualTo("secret-token");
        assertThat(read.userId()).isEqualTo("usr-1");
        assertThat(read.model()).isEqualTo(Map.of("recipientName", "Åsa", "expiresAt", expiresAt.toString(),
                "units", 3));
        assertThat(read.history()).extracting(HistoryEntry::event).containsExactly("SCHEDULED", "RESCHEDULED",
                "ATTEMPT_FAILED");
        assertThat(read.history().getFirst()).isEqualTo(new HistoryEntry(now, "SCHEDULED", "system",
                "sendAt " + sendAt));
        assertThat(queries.find("p2", activation.customerId(), activation.id())).as("another partner's").isEmpty();

        // Suspended, then resumed after the link expired: cancelled, token and hold gone.
        assertThat(suspensions.holdForSuspension("p1", activation.customerId(), now)).isEqualTo(1);
        assertThat(raw(activation.id())).containsEntry("status", "HELD").containsEntry("heldFor", "SUSPENSION");
        SuspensionHoldStore.Released released = suspensions.releaseSuspended("p1", activation.customerId(),
                expiresAt.plusSeconds(1), now);
        assertThat(released).isEqualTo(new SuspensionHoldStore.Released(0, 1));
        assertThat(raw(activation.id())).containsEntry("status", "CANCELLED")
                .doesNotContainKeys("heldFor", "activationToken");
        assertThat(mongo.getCollection(NotificationQueries.COLLECTION).countDocuments(new Document("_class",
                new Document("$exists", true)))).as("no type hints").isZero();
        assertThat(mongo.getCollection(NotificationQueries.COLLECTION).countDocuments(new Document("history._class",
                new Document("$exists", true)))).as("no type hints in the history").isZero();
    }

    @Test
    void aWaitingEmailGetsItsRecipientLanguageAndModelAsCodesAndValues() {
        Instant now = clock.instant();
        String customerId = "cus-" + UUID.randomUUID();
        Notification waiting = Notification.scheduled("ntf-" + UUID.randomUUID(), "p1", customerId, null,
                Template.SUBSCRIPTION_STARTED, null, Language.EN, Map.of("planCode", "HOSTED-EXCHANGE"),
                now.plus(Duration.ofDays(365)), now).withStatus(NotificationStatus.WAITING_FOR_RECIPIENT);
        emails.insertIfAbsent(waiting);
        assertThat(raw(waiting.id())).containsEntry("to", null).containsEntry("status", "WAITING_FOR_RECIPIENT")
                .containsEntry("history", List.of(new Document("at", Date.from(now)).append("event", "SCHEDULED")
                        .append("by", "system").append("detail", "sendAt " + waiting.sendAt())));

        Instant notBefore = now.plus(Duration.ofDays(366));
        emails.releaseWaiting("p1", customerId, "admin@example.de", Language.DE, Map.of("recipientName", "Jörg"),
                notBefore, now);

        Document stored = raw(waiting.id());
        assertThat(stored).containsEntry("status", "SCHEDULED").containsEntry("to", "admin@example.de")
                .containsEntry("language", "de").containsEntry("sendAt", Date.from(notBefore));
        assertThat(stored.get("model", Document.class)).isEqualTo(new Document("planCode", "HOSTED-EXCHANGE")
                .append("recipientName", "Jörg"));
        assertThat(stored.getList("history", Document.class).getLast()).isEqualTo(new Document("at", Date.from(now))
                .append("event", "RECIPIENT_KNOWN").append("by", "system").append("detail", "admin@example.de"));
        assertThat(queries.find(waiting.id()).orElseThrow().language()).isEqualTo(Language.DE);
    }

    private void claimByHand(String id, String owner, Instant now) {
        mongo.getCollection(NotificationQueries.COLLECTION).updateOne(new Document("_id", id),
                new Document("$set", new Document("status", "SENDING").append("leaseOwner", owner)
                        .append("leaseUntil", Date.from(now.plus(Duration.ofMinutes(5))))));
    }

    private Document raw(String id) {
        return mongo.getCollection(NotificationQueries.COLLECTION).find(new Document("_id", id)).first();
    }
}
