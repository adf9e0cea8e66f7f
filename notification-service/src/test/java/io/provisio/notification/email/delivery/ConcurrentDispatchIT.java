package io.provisio.notification.email.delivery;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.notification.MutableClock;
import io.provisio.notification.RunningService;
import io.provisio.notification.StubSmtpServer;
import io.provisio.notification.email.application.SuspensionHolds;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.DispatchClaims;
import io.provisio.notification.email.persistence.NotificationQueries;
import io.provisio.notification.email.persistence.SagaNotificationStore;
import jakarta.mail.MessagingException;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dispatchers as separate replicas would run them: independent objects with their own identity,
 * sharing nothing but the database. The application's own dispatcher is paused meanwhile, so
 * only the dispatchers under test compete. Relay failures come from a stub SMTP server that
 * answers what the test scripts (451, 550) or from a port nobody listens on.
 */
class ConcurrentDispatchIT extends RunningService {

    @Autowired
    NotificationQueries store;
    @Autowired
    SagaNotificationStore emails;
    @Autowired
    DispatchClaims claims;
    @Autowired
    MailDispatcher applicationDispatcher;
    @Autowired
    SuspensionHolds holds;
    @Autowired
    MailRenderer renderer;
    @Autowired
    JavaMailSender sender;
    @Autowired
    DeliveryProperties properties;
    @Autowired
    MutableClock clock;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MongoTemplate mongo;

    @BeforeEach
    void pauseApplicationDispatcher() {
        applicationDispatcher.stop();
        // Nothing due from other tests may be sent by the replicas here: move it all far away.
        mongo.getCollection(NotificationQueries.COLLECTION).updateMany(new Document("status", "SCHEDULED"),
                new Document("$set", new Document("sendAt", java.util.Date.from(clock.instant().plus(
                        Duration.ofDays(3650))))));
    }

    @AfterEach
    void resumeApplicationDispatcher() {
        applicationDispatcher.start();
    }

    @Test
    void twoDispatchersSendTwoHundredDueEmailsWithoutADuplicate() throws MessagingException {
        String customerId = "cus-race-" + UUID.randomUUID();
        List<Notification> due = IntStream.range(0, 200)
                .mapToObj(i -> welcome(customerId, "race-" + i + "@testbolag.se", clock.instant()))
                .toList();
        due.forEach(emails::insertIfAbsent);

        MailDispatcher first = replica(sender, properties);
        MailDispatcher second = replica(sender, properties);
        first.start();
        second.start();
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> notificationsOfCustomer(customerId).stream()
                    .allMatch(n -> n.status() == NotificationStatus.SENT));
        } finally {
            first.stop();
            second.stop();
        }

        List<String> messageIds = due.stream().map(Notification::messageId).toList();
        List<String> received = Arrays.stream(SMTP.getReceivedMessages()).map(m -> {
            try {
                return m.getMessageID();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).filter(messageIds::contains).toList();
        assertThat(received).hasSize(200).doesNotHaveDuplicates();
        assertThat(notificationsOfCustomer(customerId)).allSatisfy(n -> assertThat(n.attempts()).isEqualTo(1));
        assertThat(notificationsOfCustomer(customerId)).extracting(n -> n.history().getLast().event())
                .containsOnly("SENT");
    }

    @Test
    void sendsAnEmailWhoseClaimingReplicaDied() {
        Notification orphan = welcome("cus-" + UUID.randomUUID(), "orphan@testbolag.se", clock.instant());
        emails.insertIfAbsent(orphan);
        mongo.getCollection(NotificationQueries.COLLECTION).updateOne(new Document("_id", orphan.id()),
                new Document("$set", new Document("status", "SENDING")
                        .append("leaseOwner", "a-replica-that-crashed")
                        .append("leaseUntil", java.util.Date.from(clock.instant().plusSeconds(60)))));
        MailDispatcher survivor = replica(sender, properties);

        survivor.dispatchDue();
        assertThat(store.find(orphan.id()).orElseThrow().status()).as("the lease still holds")
                .isEqualTo(NotificationStatus.SENDING);

        clock.advance(Duration.ofSeconds(61));
        survivor.dispatchDue();

        assertThat(store.find(orphan.id()).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
        assertThat(receivedWithMessageId(orphan.messageId())).hasSize(1);
    }

    @Test
    void catchesUpOnEmailsThatFellDueWhileNoDispatcherRan() {
        String customerId = "cus-" + UUID.randomUUID();
        Notification overdue = welcome(customerId, "overdue@testbolag.se", clock.instant().minus(Duration.ofHours(5)));
        emails.insertIfAbsent(overdue);
        MailDispatcher restarted = replica(sender, properties);

        assertThat(restarted.dispatchDue()).isEqualTo(1);

        assertThat(store.find(overdue.id()).orElseThrow().status()).isEqualTo(NotificationStatus.SENT);
        assertThat(receivedWithMessageId(overdue.messageId())).hasSize(1);
    }

    @Test
    void retriesATransientRejectionWithinTheAttemptAndDelivers() {
        Notification notification = welcome("cus-" + UUID.randomUUID(), "greylisted@testbolag.se", clock.instant());
        emails.insertIfAbsent(notification);
        double retriedBefore = count("provisio.email.retried");
        try (StubSmtpServer relay = new StubSmtpServer()
                .answerRecipients("451 4.7.1 Greylisted, please try again later")) {
            replica(senderTo(relay.port()), settings(5)).dispatchDue();

            Notification sent = store.find(notification.id()).orElseThrow();
            assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
            assertThat(sent.attempts()).isEqualTo(1);
            assertThat(relay.recipientCommands()).as("the 451, then the call that went through").isEqualTo(2);
            assertThat(relay.accepted()).singleElement().asString()
                    .contains("Message-ID: " + notification.messageId());
            assertThat(count("provisio.email.retried")).isEqualTo(retriedBefore + 1);
        }
    }

    @Test
    void reschedulesAnEmailTheRelayKeepsDeferringAndFailsItAfterTheLastAttempt() {
        Notification notification = welcome("cus-" + UUID.randomUUID(), "deferred@testbolag.se", clock.instant());
        emails.insertIfAbsent(notification);
        double failedBefore = count("provisio.email.failed");
        String busy = "451 4.3.2 System busy, try again later";
        try (StubSmtpServer relay = new StubSmtpServer().answerRecipients(busy, busy, busy, busy, busy, busy)) {
            MailDispatcher dispatcher = replica(senderTo(relay.port()), settings(2));

            dispatcher.dispatchDue();
            Notification afterFirst = store.find(notification.id()).orElseThrow();
            assertThat(afterFirst.status()).isEqualTo(NotificationStatus.SCHEDULED);
            assertThat(afterFirst.attempts()).isEqualTo(1);
            assertThat(afterFirst.lastError()).isEqualTo(busy);
            assertThat(afterFirst.sendAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
            assertThat(relay.recipientCommands()).as("three calls within the attempt").isEqualTo(3);
            dispatcher.dispatchDue();
            assertThat(store.find(notification.id()).orElseThrow().attempts()).as("not due before its back-off")
                    .isEqualTo(1);

            clock.advance(Duration.ofMinutes(1));
            dispatcher.dispatchDue();

            Notification afterLast = store.find(notification.id()).orElseThrow();
            assertThat(afterLast.status()).isEqualTo(NotificationStatus.FAILED);
            assertThat(afterLast.attempts()).isEqualTo(2);
            assertThat(afterLast.lastError()).isEqualTo(busy);
            assertThat(relay.accepted()).isEmpty();
            assertThat(count("provisio.email.failed")).isEqualTo(failedBefore + 1);
        }
    }

    @Test
    void failsAtOnceWithTheServersReasonWhenTheRelayRejectsPermanently() {
        Notification notification = welcome("cus-" + UUID.randomUUID(), "nobody@testbolag.se", clock.instant());
        emails.insertIfAbsent(notification);
        String rejection = "550 5.1.1 <nobody@testbolag.se>: Recipient address rejected: User unknown";
        try (StubSmtpServer relay = new StubSmtpServer().answerRecipients(rejection)) {
            replica(senderTo(relay.port()), settings(5)).dispatchDue();

            Notification failed = store.find(notification.id()).orElseThrow();
            assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
            assertThat(failed.attempts()).isEqualTo(1);
            assertThat(failed.lastError()).isEqualTo(rejection);
            assertThat(relay.recipientCommands()).as("never retried").isEqualTo(1);
            assertThat(failed.history().getLast().event()).isEqualTo("FAILED");
        }
    }

    @Test
    void leavesDueEmailsUnclaimedWhileTheCircuitIsOpen() throws IOException {
        String customerId = "cus-" + UUID.randomUUID();
        List<Notification> due = IntStream.range(0, 4)
                .mapToObj(i -> welcome(customerId, "breaker-" + i + "@testbolag.se", clock.instant())).toList();
        due.forEach(emails::insertIfAbsent);
        DeliveryProperties.Smtp breaksAfterTwo = new DeliveryProperties.Smtp(1, Duration.ofMillis(10), 2, 2, 50,
                Duration.ofMinutes(5));
        MailDispatcher dispatcher = replica(unreachableSmtp(), new DeliveryProperties(Duration.ofMillis(100), 1,
                Duration.ofMinutes(2), 5, Duration.ofMinutes(1), Duration.ofMinutes(10), properties.from(),
                properties.activationBaseUrl(), breaksAfterTwo));

        assertThat(dispatcher.dispatchDue()).as("two failures open the circuit").isEqualTo(2);

        List<Notification> after = notificationsOfCustomer(customerId);
        assertThat(after).filteredOn(n -> n.attempts() == 1).hasSize(2)
                .allSatisfy(n -> assertThat(n.lastError()).contains("MailSendException"));
        assertThat(after).filteredOn(n -> n.attempts() == 0).hasSize(2)
                .allSatisfy(n -> assertThat(n.status()).isEqualTo(NotificationStatus.SCHEDULED));
        assertThat(dispatcher.dispatchDue()).as("nothing claimed while open").isZero();
    }

    @Test
    void reportsTheScheduleLagOfTheOldestDueEmail() {
        Notification late = welcome("cus-" + UUID.randomUUID(), "late@testbolag.se",
                clock.instant().minus(Duration.ofMinutes(10)));
        emails.insertIfAbsent(late);

        assertThat(meters.get("provisio.email.schedule.lag").gauge().value()).isGreaterThanOrEqualTo(600);

        replica(sender, properties).dispatchDue();
        assertThat(meters.get("provisio.email.schedule.lag").gauge().value()).as("nothing due any more").isZero();
    }

    private MailDispatcher replica(JavaMailSender mailSender, DeliveryProperties settings) {
        return new MailDispatcher(claims, holds, renderer, mailSender, settings, clock, meters);
    }

    /** One-minute back-off, three quick calls per attempt, a breaker that stays out of the way. */
    private DeliveryProperties settings(int maxAttempts) {
        return new DeliveryProperties(Duration.ofMillis(100), 1, Duration.ofMinutes(2), maxAttempts,
                Duration.ofMinutes(1), Duration.ofMinutes(10), properties.from(), properties.activationBaseUrl(),
                new DeliveryProperties.Smtp(3, Duration.ofMillis(10), 100, 100, 100, Duration.ofSeconds(1)));
    }

    private Notification welcome(String customerId, String to, Instant sendAt) {
        String sagaId = UUID.randomUUID().toString();
        return Notification.scheduled(Notification.idFor(sagaId, Template.WELCOME), "p1", customerId, sagaId,
                Template.WELCOME, to, Language.EN,
                Map.of("recipientName", "Ada Lovelace", "companyName", "Müller & Söhne GmbH",
                        "activationRequired", false),
                sendAt, clock.instant());
    }

    private static JavaMailSender senderTo(int port) {
        JavaMailSenderImpl relay = new JavaMailSenderImpl();
        relay.setHost("127.0.0.1");
        relay.setPort(port);
        Properties timeouts = new Properties();
        timeouts.put("mail.smtp.connectiontimeout", "5000");
        timeouts.put("mail.smtp.timeout", "5000");
        relay.setJavaMailProperties(timeouts);
        return relay;
    }

    /** A sender pointed at a port nobody listens on: every attempt fails to connect. */
    private static JavaMailSender unreachableSmtp() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return senderTo(socket.getLocalPort());
        }
    }

    private double count(String name) {
        var counter = meters.find(name).tag("template", "WELCOME").counter();
        return counter == null ? 0 : counter.count();
    }
}
