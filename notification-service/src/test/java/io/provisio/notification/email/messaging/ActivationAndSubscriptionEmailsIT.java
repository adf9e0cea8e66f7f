package io.provisio.notification.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import io.provisio.notification.contracts.CancelWelcomeEmail;
import io.provisio.notification.contracts.NotificationChannels;
import io.provisio.notification.contracts.ScheduleActivationEmail;
import io.provisio.notification.contracts.ScheduleWelcomeEmail;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.SagaNotificationStore;

import io.provisio.platform.messaging.Envelope;

import io.provisio.subscription.contracts.SubscriptionActivated;
import io.provisio.subscription.contracts.SubscriptionChannels;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** ScheduleActivationEmail from identity and SubscriptionActivated from subscription, over the real broker. */
class ActivationAndSubscriptionEmailsIT extends BrokerIT {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Autowired
    SagaNotificationStore sagaEmails;

    @Test
    void sendsARequestedActivationEmailOnceAndCancelsTheOlderUnsentLink() throws Exception {
        String customerId = "cus-" + UUID.randomUUID();
        String to = "act-" + customerId + "@testbolag.se";
        String sagaId = onboard(customerId, to, "sv", clock.instant().plus(Duration.ofDays(200)),
                "OldOldOld8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH");
        String newToken = "NewNewNew8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH";
        Envelope request = codec.event("ScheduleActivationEmail", "p1", null, new ScheduleActivationEmail(customerId,
                "usr-1", to, "Bengt Testsson", null, "Nordic IT Partner AB", "Testbolag Göteborg AB",
                "bengt.testsson@testbolag.se", newToken, clock.instant().plus(Duration.ofHours(72))));

        broker.publish(NotificationChannels.COMMANDS, codec.encode(request));
        broker.publish(NotificationChannels.COMMANDS, codec.encode(request));

        String id = Notification.idOf("activation/" + request.messageId());
        await().atMost(DELIVERY).until(() -> receivedWithMessageId("<" + id + "@provisio>").size() == 1);
        MimeMessage mail = receivedWithMessageId("<" + id + "@provisio>").getFirst();
        assertThat(mail.getSubject()).as("the customer's language, as none was requested")
                .isEqualTo("Aktivera ditt Provisio-konto");
        assertThat(WelcomeEmailIT.textParts(mail).get("text/plain")).contains("activate?token=" + newToken);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() ->
                notificationsOfCustomer(customerId).stream().filter(n -> n.template() == Template.ACTIVATION).count() == 2);
        assertThat(receivedWithMessageId("<" + id + "@provisio>")).hasSize(1);
        Notification older = store.find(Notification.idFor(sagaId, Template.ACTIVATION)).orElseThrow();
        assertThat(older.status()).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(older.activationToken()).isNull();
        assertThat(older.history().getLast().detail()).isEqualTo("superseded by " + id);
        assertThat(store.find(Notification.idFor(sagaId, Template.WELCOME)).orElseThrow().status())
                .as("the welcome e-mail is not an activation link (and waits for the onboarding to complete)")
                .isEqualTo(NotificationStatus.HELD);
    }

    @Test
    void announcesAStartedSubscriptionOnceToTheAdministratorInTheCustomersLanguageOnceTheOnboardingCompleted()
            throws Exception {
        String customerId = "cus-" + UUID.randomUUID();
        String to = "sub-" + customerId + "@testbolag.nl";
        String sagaId = onboard(customerId, to, "nl", null, null);
        String subscriptionId = "sub-" + UUID.randomUUID();
        Envelope event = codec.event("SubscriptionActivated", "p1", null, new SubscriptionActivated(customerId,
                subscriptionId, "HOSTED-EXCHANGE", 10, LocalDate.parse("2027-06-03"), clock.instant()));

        broker.publish(SubscriptionChannels.EVENTS, codec.encode(event));
        broker.publish(SubscriptionChannels.EVENTS, codec.encode(event));

        String id = Notification.idOf("subscription-started/" + subscriptionId);
        String messageId = "<" + id + "@provisio>";
        // The onboarding has not completed: it may still be rolled back, so nothing reaches the customer yet.
        await().atMost(DELIVERY).until(() -> store.find(id).map(Notification::status)
                .filter(NotificationStatus.HELD::equals).isPresent());
        assertThat(store.find(id).orElseThrow().sagaId()).as("held with the onboarding").isEqualTo(sagaId);
        assertThat(receivedWithMessageId(messageId)).isEmpty();

        complete(sagaId, customerId);

        await().atMost(DELIVERY).until(() -> receivedWithMessageId(messageId).size() == 1);
        MimeMessage mail = receivedWithMessageId(messageId).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Uw abonnement HOSTED-EXCHANGE is gestart");
        assertThat(((InternetAddress) mail.getAllRecipients()[0]).getAddress()).isEqualTo(to);
        assertThat(WelcomeEmailIT.textParts(mail).get("text/plain")).contains("Beste Bengt Testsson,",
                "Het is gestart op 3 juni 2027.", "Aantal licenties: 10");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() ->
                receivedWithMessageId(messageId).size() == 1 && notificationsOfCustomer(customerId).stream()
                        .filter(n -> n.template() == Template.SUBSCRIPTION_STARTED).count() == 1);
    }

    @Test
    void announcesASubscriptionThatStartsAfterTheOnboardingCompletedAtOnce() throws Exception {
        String customerId = "cus-" + UUID.randomUUID();
        String sagaId = onboard(customerId, "later-" + customerId + "@testbolag.se", "sv", null, null);
        complete(sagaId, customerId);
        await().atMost(DELIVERY).until(() -> sagaEmails.heldWelcomeSaga("p1", customerId).isEmpty());
        String subscriptionId = "sub-" + UUID.randomUUID();

        broker.publish(SubscriptionChannels.EVENTS, codec.encode(codec.event("SubscriptionActivated", "p1", null,
                new SubscriptionActivated(customerId, subscriptionId, "HOSTED-EXCHANGE", 2, LocalDate.parse("2027-02-01"),
                        clock.instant()))));

        String messageId = "<" + Notification.idOf("subscription-started/" + subscriptionId) + "@provisio>";
        await().atMost(DELIVERY).until(() -> receivedWithMessageId(messageId).size() == 1);
    }

    @Test
    void holdsASubscriptionEmailUntilTheWelcomeStepNamesTheAdministratorAndTheOnboardingCompleted() throws Exception {
        String customerId = "cus-" + UUID.randomUUID();
        String subscriptionId = "sub-" + UUID.randomUUID();
        String id = Notification.idOf("subscription-started/" + subscriptionId);
        broker.publish(SubscriptionChannels.EVENTS, codec.encode(codec.event("SubscriptionActivated", "p1", null,
                new SubscriptionActivated(customerId, subscriptionId, "MAIL-CONTROL", 5, LocalDate.parse("2027-01-15"),
                        clock.instant()))));
        await().atMost(DELIVERY).until(() -> store.find(id).map(Notification::status)
                .filter(NotificationStatus.WAITING_FOR_RECIPIENT::equals).isPresent());

        String to = "late-admin-" + customerId + "@esempio.it";
        String sagaId = onboard(customerId, to, "it", null, null);
        await().atMost(DELIVERY).until(() -> store.find(id).map(Notification::status)
                .filter(NotificationStatus.HELD::equals).isPresent());
        assertThat(store.find(id).orElseThrow().to()).isEqualTo(to);
        assertThat(receivedWithMessageId("<" + id + "@provisio>")).isEmpty();

        complete(sagaId, customerId);

        await().atMost(DELIVERY).until(() -> receivedWithMessageId("<" + id + "@provisio>").size() == 1);
        MimeMessage mail = receivedWithMessageId("<" + id + "@provisio>").getFirst();
        assertThat(mail.getSubject()).isEqualTo("Il Suo abbonamento MAIL-CONTROL è iniziato");
        assertThat(((InternetAddress) mail.getAllRecipients()[0]).getAddress()).isEqualTo(to);
        assertThat(WelcomeEmailIT.textParts(mail).get("text/plain")).contains("Gentile Bengt Testsson,",
                "L’abbonamento MAIL-CONTROL di Testbolag Göteborg AB è ora attivo.");
    }

    @Test
    void cancelsAHeldSubscriptionEmailWhenTheOnboardingIsRolledBack() throws Exception {
        String customerId = "cus-" + UUID.randomUUID();
        String sagaId = onboard(customerId, "rolled-back-" + customerId + "@testbolag.de", "de", null, null);
        String subscriptionId = "sub-" + UUID.randomUUID();
        String id = Notification.idOf("subscription-started/" + subscriptionId);
        broker.publish(SubscriptionChannels.EVENTS, codec.encode(codec.event("SubscriptionActivated", "p1", null,
                new SubscriptionActivated(customerId, subscriptionId, "HOSTED-EXCHANGE", 3, LocalDate.parse("2027-03-01"),
                        clock.instant()))));
        await().atMost(DELIVERY).until(() -> store.find(id).map(Notification::status)
                .filter(NotificationStatus.HELD::equals).isPresent());

        broker.publish(NotificationChannels.COMMANDS, codec.encode(codec.command("CancelWelcomeEmail", sagaId,
                "SCHEDULE_WELCOME_EMAIL", "p1", "saga-replies", null, new CancelWelcomeEmail(customerId))));

        await().atMost(DELIVERY).until(() -> store.find(id).map(Notification::status)
                .filter(NotificationStatus.CANCELLED::equals).isPresent());
        // A completion that arrives anyway (it cannot after a rollback, but messages do overtake) sends nothing.
        complete(sagaId, customerId);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() ->
                receivedWithMessageId("<" + id + "@provisio>").isEmpty()
                        && store.find(id).map(Notification::status).filter(NotificationStatus.CANCELLED::equals).isPresent());
    }

    /** Runs SCHEDULE_WELCOME_EMAIL for a customer, which also teaches the service its administrator. */
    private String onboard(String customerId, String to, String language, Instant sendAt, String token) {
        String sagaId = UUID.randomUUID().toString();
        Envelope command = codec.command("ScheduleWelcomeEmail", sagaId, "SCHEDULE_WELCOME_EMAIL", "p1",
                "saga-replies", null, new ScheduleWelcomeEmail(customerId, to, "Bengt Testsson", language, sendAt,
                        "Testbolag Göteborg AB", "testbolag", token != null, "Nordic IT Partner AB",
                        "bengt.testsson@testbolag.se", token, token == null ? null : clock.instant().plusSeconds(3600),
                        "usr-" + customerId));
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
