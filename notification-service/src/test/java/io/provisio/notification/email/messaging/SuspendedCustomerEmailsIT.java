package io.provisio.notification.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerResumed;
import io.provisio.customer.contracts.CustomerSuspended;
import io.provisio.notification.contracts.NotificationChannels;
import io.provisio.notification.contracts.ScheduleActivationEmail;
import io.provisio.notification.contracts.ScheduleWelcomeEmail;
import io.provisio.notification.email.domain.HistoryEntry;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;
import io.provisio.platform.messaging.Envelope;
import io.provisio.subscription.contracts.SubscriptionActivated;
import io.provisio.subscription.contracts.SubscriptionChannels;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CustomerSuspended / CustomerResumed over the real broker, as customer-service publishes them: a suspended
 * customer's e-mails are held, whichever path scheduled them, and sent once on the resume; an activation e-mail
 * whose link expired meanwhile is cancelled, never sent dead, and identity's new link arrives once whichever of
 * the two messages comes first. Events that must change nothing are followed by a sentinel customer's
 * suspension; once the sentinel's e-mail is held, the events before it were taken.
 */
class SuspendedCustomerEmailsIT extends BrokerIT {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Test
    void holdsEveryEmailOfASuspendedCustomerAndSendsEachOnceOnResume() throws Exception {
        String customerId = "cus-" + UUID.randomUUID();
        String sagaId = onboardAndComplete(customerId, "LiveLiveLive3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9",
                clock.instant().plus(Duration.ofDays(5)));
        String welcome = Notification.idFor(sagaId, Template.WELCOME);
        String activation = Notification.idFor(sagaId, Template.ACTIVATION);
        Instant suspendedAt = clock.instant();

        publish(suspended(customerId, suspendedAt));
        await().atMost(DELIVERY).until(() -> status(welcome) == NotificationStatus.HELD
                && status(activation) == NotificationStatus.HELD);

        // Due now while suspended (the held welcome's time has passed too): the dispatcher holds it instead of sending.
        clock.advance(Duration.ofDays(6));
        String subscriptionId = "sub-" + UUID.randomUUID();
        broker.publish(SubscriptionChannels.EVENTS, codec.encode(codec.event("SubscriptionActivated", "p1", null,
                new SubscriptionActivated(customerId, subscriptionId, "HOSTED-EXCHANGE", 10,
                        LocalDate.parse("2027-06-03"), clock.instant()))));
        String started = Notification.idOf("subscription-started/" + subscriptionId);
        await().atMost(DELIVERY).until(() -> store.find(started).map(Notification::status)
                .filter(NotificationStatus.HELD::equals).isPresent());
        assertThat(store.find(started).orElseThrow().history()).extracting(HistoryEntry::event).contains("HELD");

        // A duplicate suspension, a resume older than it arriving late, the onboarding's completion again: nothing moves.
        publish(suspended(customerId, suspendedAt));
        publish(resumed(customerId, suspendedAt.minus(Duration.ofHours(1))));
        complete(sagaId, customerId);
        awaitSentinel();
        assertThat(notificationsOfCustomer(customerId)).allSatisfy(n ->
                assertThat(n.status()).isEqualTo(NotificationStatus.HELD));
        assertThat(sentTo(customerId)).isZero();

        Envelope resume = resumed(customerId, clock.instant());
        publish(resume);
        publish(resume);

        for (String id : new String[] {welcome, activation, started}) {
            await().atMost(DELIVERY).until(() -> receivedWithMessageId("<" + id + "@provisio>").size() == 1);
        }
        awaitSentinel();
        assertThat(notificationsOfCustomer(customerId)).allSatisfy(n -> {
            assertThat(n.status()).isEqualTo(NotificationStatus.SENT);
            assertThat(n.history()).filteredOn(e -> "RELEASED".equals(e.event())
                    && "customer resumed".equals(e.detail())).as("released once").hasSize(1);
        });
        assertThat(sentTo(customerId)).as("each e-mail once").isEqualTo(3);
    }

    @Test
    void cancelsAHeldActivationEmailWhoseLinkExpiredOnResumeAndSendsIdentitysNewLinkOnce() throws Exception {
        String customerId = "cus-" + UUID.randomUUID();
        String deadToken = "DeadDeadDead3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9";
        String sagaId = suspendedUntilTheLinkExpired(customerId, deadToken);
        String activation = Notification.idFor(sagaId, Template.ACTIVATION);

        publish(resumed(customerId, clock.instant()));
        await().atMost(DELIVERY).until(() -> status(activation) == NotificationStatus.CANCELLED);
        Envelope reissued = newLink(customerId, "FreshFresh3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH");
        broker.publish(NotificationChannels.COMMANDS, codec.encode(reissued));

        assertSentOnceAndDeadLinkNot(customerId, sagaId, reissued, deadToken);
        Notification cancelled = store.find(activation).orElseThrow();
        assertThat(cancelled.activationToken()).as("erased with the cancellation").isNull();
        assertThat(cancelled.history().getLast().detail()).startsWith("activation link expired before the customer"
                + " was resumed");
    }

    @Test
    void holdsIdentitysNewLinkThatOvertookTheResumeAndSendsOnlyItOnResume() throws Exception {
        String customerId = "cus-" + UUID.randomUUID();
        String deadToken = "GoneGoneGone3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9";
        String sagaId = suspendedUntilTheLinkExpired(customerId, deadToken);
        String activation = Notification.idFor(sagaId, Template.ACTIVATION);
        Instant resumedAt = clock.instant();

        // identity handled the resume first: its new link reaches a customer still suspended here.
        Envelope reissued = newLink(customerId, "EarlyEarly3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH");
        broker.publish(NotificationChannels.COMMANDS, codec.encode(reissued));
        String fresh = Notification.idOf("activation/" + reissued.messageId());
        await().atMost(DELIVERY).until(() -> status(fresh) == NotificationStatus.HELD
                && status(activation) == NotificationStatus.CANCELLED);

        publish(resumed(customerId, resumedAt));
        assertSentOnceAndDeadLinkNot(customerId, sagaId, reissued, deadToken);
    }

    @Test
    void ignoresAnotherPartnersSuspensionOfTheCustomer() {
        String customerId = "cus-" + UUID.randomUUID();
        String sagaId = onboardAndComplete(customerId, "MineMineMine3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9",
                clock.instant().plus(Duration.ofDays(300)));

        broker.publish(CustomerChannels.EVENTS, codec.encode(codec.event("CustomerSuspended", "p2", null,
                new CustomerSuspended(customerId, clock.instant()))));
        awaitSentinel();

        assertThat(status(Notification.idFor(sagaId, Template.WELCOME))).isEqualTo(NotificationStatus.SCHEDULED);
    }

    /** Welcome sent, the new link sent once, the dead token in no e-mail that arrived. */
    private void assertSentOnceAndDeadLinkNot(String customerId, String sagaId, Envelope reissued, String deadToken)
            throws Exception {
        String fresh = Notification.idOf("activation/" + reissued.messageId());
        String welcome = Notification.idFor(sagaId, Template.WELCOME);
        for (String id : new String[] {welcome, fresh}) {
            await().atMost(DELIVERY).until(() -> receivedWithMessageId("<" + id + "@provisio>").size() == 1);
        }
        broker.publish(NotificationChannels.COMMANDS, codec.encode(reissued));
        publish(resumed(customerId, clock.instant().minus(Duration.ofSeconds(1))));
        awaitSentinel();
        assertThat(receivedWithMessageId("<" + fresh + "@provisio>")).as("the redelivery sent nothing").hasSize(1);
        assertThat(status(Notification.idFor(sagaId, Template.ACTIVATION))).isEqualTo(NotificationStatus.CANCELLED);
        assertThat(sentTo(customerId)).as("welcome and the new link, nothing else").isEqualTo(2);
        for (MimeMessage mail : SMTP.getReceivedMessages()) {
            assertThat(WelcomeEmailIT.textParts(mail).values()).noneMatch(text -> text.contains(deadToken));
        }
    }

    /**
     * An onboarded customer whose welcome and activation e-mails (due tomorrow, the link valid three days more)
     * are held by its suspension, and five days later: the link has expired. Returns the onboarding's saga id.
     */
    private String suspendedUntilTheLinkExpired(String customerId, String token) {
        String sagaId = onboardAndComplete(customerId, token, clock.instant().plus(Duration.ofDays(1)));
        publish(suspended(customerId, clock.instant()));
        await().atMost(DELIVERY).until(() -> status(Notification.idFor(sagaId, Template.ACTIVATION))
                == NotificationStatus.HELD);
        clock.advance(Duration.ofDays(5));
        return sagaId;
    }

    /** The new link identity-service asks for after the resume (its own message id, as any resend). */
    private Envelope newLink(String customerId, String token) {
        return codec.event("ScheduleActivationEmail", "p1", null, new ScheduleActivationEmail(customerId,
                "usr-" + customerId, to(customerId), "Bengt Testsson", null, "Nordic IT Partner AB",
                "Testbolag Göteborg AB", "bengt.testsson@testbolag.se", token, clock.instant().plus(Duration.ofHours(72))));
    }

    /**
     * SCHEDULE_WELCOME_EMAIL with an activation link valid 72 h after {@code sendAt}, then OnboardingCompleted:
     * both e-mails SCHEDULED at {@code sendAt}.
     */
    private String onboardAndComplete(String customerId, String token, Instant sendAt) {
        String sagaId = UUID.randomUUID().toString();
        Envelope command = codec.command("ScheduleWelcomeEmail", sagaId, "SCHEDULE_WELCOME_EMAIL", "p1",
                "saga-replies", null, new ScheduleWelcomeEmail(customerId, to(customerId), "Bengt Testsson", "sv",
                        sendAt, "Testbolag Göteborg AB", "testbolag", true, "Nordic IT Partner AB",
                        "bengt.testsson@testbolag.se", token, sendAt.plus(Duration.ofHours(72)), "usr-" + customerId));
        broker.publish(NotificationChannels.COMMANDS, codec.encode(command));
        await().atMost(DELIVERY).until(() -> nextReplyOf(sagaId));
        complete(sagaId, customerId);
        await().atMost(DELIVERY).until(() -> status(Notification.idFor(sagaId, Template.WELCOME))
                == NotificationStatus.SCHEDULED);
        return sagaId;
    }

    /** Suspends a customer of its own with a far-off e-mail and waits until it is held: earlier events were taken. */
    private void awaitSentinel() {
        String sentinel = "cus-sentinel-" + UUID.randomUUID();
        String sagaId = onboardAndComplete(sentinel, "SentSentSent3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9",
                clock.instant().plus(Duration.ofDays(300)));
        publish(suspended(sentinel, clock.instant()));
        await().atMost(DELIVERY).until(() -> status(Notification.idFor(sagaId, Template.WELCOME))
                == NotificationStatus.HELD);
    }

    private long sentTo(String customerId) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(mail -> {
            try {
                return to(customerId).equals(mail.getAllRecipients()[0].toString().replaceAll(".*<(.*)>", "$1"));
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    private NotificationStatus status(String id) {
        return store.find(id).map(Notification::status).orElse(null);
    }

    private Envelope suspended(String customerId, Instant at) {
        return codec.event("CustomerSuspended", "p1", null, new CustomerSuspended(customerId, at));
    }

    private Envelope resumed(String customerId, Instant at) {
        return codec.event("CustomerResumed", "p1", null, new CustomerResumed(customerId, at));
    }

    private void publish(Envelope event) {
        broker.publish(CustomerChannels.EVENTS, codec.encode(event));
    }

    private static String to(String customerId) {
        return "susp-" + customerId + "@testbolag.se";
    }

    private boolean nextReplyOf(String sagaId) {
        return broker.receive(replies, Duration.ofMillis(200))
                .map(body -> codec.decode(body.getBytes(StandardCharsets.UTF_8)))
                .filter(reply -> sagaId.equals(reply.sagaId()))
                .isPresent();
    }
}
