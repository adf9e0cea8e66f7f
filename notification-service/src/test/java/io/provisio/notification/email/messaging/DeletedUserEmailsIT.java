package io.provisio.notification.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.identity.contracts.UserCreated;
import io.provisio.identity.contracts.UserDeleted;

import io.provisio.notification.contracts.NotificationChannels;
import io.provisio.notification.contracts.ScheduleWelcomeEmail;
import io.provisio.notification.email.domain.HistoryEntry;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;

import io.provisio.platform.messaging.Envelope;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Identity's UserDeleted over the real broker. The service consumes {@code identity-events} with one consumer,
 * in order: once a later "marker" event took effect, every event published before it was handled.
 */
class DeletedUserEmailsIT extends BrokerIT {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Test
    void cancelsTheDeletedAdministratorsScheduledActivationEmailOnceAndLeavesTheWelcomeEmail() {
        String customerId = "cus-" + UUID.randomUUID();
        String userId = "usr-" + UUID.randomUUID();
        String token = "Del9WlQw8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2";
        String sagaId = onboard(customerId, userId, token);
        String activationId = Notification.idFor(sagaId, Template.ACTIVATION);
        String welcomeId = Notification.idFor(sagaId, Template.WELCOME);
        assertThat(store.find(activationId).orElseThrow().userId()).isEqualTo(userId);

        // Another partner's event with the same ids, and a UserCreated: neither is about this e-mail.
        publish(codec.event("UserDeleted", "p2", null, new UserDeleted(customerId, userId)));
        publish(codec.event("UserCreated", "p1", null, new UserCreated(customerId, userId,
                "bengt.testsson@testbolag.se", "act-" + customerId + "@testbolag.se", "ADMINISTRATOR")));
        awaitHandled(marker());

        Notification untouched = store.find(activationId).orElseThrow();
        assertThat(untouched.status()).as("held until its onboarding completes").isEqualTo(NotificationStatus.HELD);
        assertThat(untouched.activationToken()).isEqualTo(token);

        Envelope deleted = codec.event("UserDeleted", "p1", null, new UserDeleted(customerId, userId));
        publish(deleted);
        publish(deleted);
        awaitHandled(marker());

        Notification cancelled = store.find(activationId).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(cancelled.activationToken()).as("erased with the cancellation").isNull();
        assertThat(cancelled.history()).filteredOn(entry -> "CANCELLED".equals(entry.event()))
                .as("the redelivery changed nothing")
                .singleElement().satisfies(entry -> {
                    assertThat(entry.by()).isEqualTo(HistoryEntry.SYSTEM);
                    assertThat(entry.detail()).isEqualTo("user " + userId + " deleted");
                });
        Notification welcome = store.find(welcomeId).orElseThrow();
        assertThat(welcome.status()).as("only activation links die with the user")
                .isEqualTo(NotificationStatus.HELD);
        assertThat(welcome.history()).hasSize(1);
    }

    @Test
    void leavesOtherUsersActivationEmailsScheduled() {
        String customerId = "cus-" + UUID.randomUUID();
        String sagaId = onboard(customerId, "usr-" + UUID.randomUUID(), "Oth9WlQw8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2");

        publish(codec.event("UserDeleted", "p1", null, new UserDeleted(customerId, "usr-someone-else")));
        awaitHandled(marker());

        assertThat(notificationsOfSaga(sagaId)).hasSize(2).allSatisfy(n ->
                assertThat(n.status()).isEqualTo(NotificationStatus.HELD));
    }

    /**
     * Publishes a UserDeleted for a customer of its own whose activation e-mail it cancels; returns that
     * e-mail's id. Onboarded before publishing, so its cancellation proves the events before it were handled.
     */
    private String marker() {
        String customerId = "cus-marker-" + UUID.randomUUID();
        String userId = "usr-" + UUID.randomUUID();
        String sagaId = onboard(customerId, userId, "Mrk9WlQw8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2");
        publish(codec.event("UserDeleted", "p1", null, new UserDeleted(customerId, userId)));
        return Notification.idFor(sagaId, Template.ACTIVATION);
    }

    private void awaitHandled(String markerId) {
        await().atMost(DELIVERY).until(() -> store.find(markerId).orElseThrow().status()
                == NotificationStatus.CANCELLED);
    }

    private void publish(Envelope event) {
        broker.publish(IdentityChannels.EVENTS, codec.encode(event));
    }

    /** SCHEDULE_WELCOME_EMAIL with an activation token, due far in the future so nothing is sent meanwhile. */
    private String onboard(String customerId, String userId, String token) {
        String sagaId = UUID.randomUUID().toString();
        String to = "act-" + customerId + "@testbolag.se";
        Envelope command = codec.command("ScheduleWelcomeEmail", sagaId, "SCHEDULE_WELCOME_EMAIL", "p1",
                "saga-replies", null, new ScheduleWelcomeEmail(customerId, to, "Bengt Testsson", "sv",
                        clock.instant().plus(Duration.ofDays(300)), "Testbolag Göteborg AB", "testbolag", true,
                        "Nordic IT Partner AB", "bengt.testsson@testbolag.se", token,
                        clock.instant().plus(Duration.ofDays(303)), userId));
        broker.publish(NotificationChannels.COMMANDS, codec.encode(command));
        await().atMost(DELIVERY).until(() -> nextReplyOf(sagaId));
        return sagaId;
    }

    private boolean nextReplyOf(String sagaId) {
        return broker.receive(replies, Duration.ofMillis(200))
                .map(body -> codec.decode(body.getBytes(StandardCharsets.UTF_8)))
                .filter(reply -> sagaId.equals(reply.sagaId()))
                .isPresent();
    }
}
