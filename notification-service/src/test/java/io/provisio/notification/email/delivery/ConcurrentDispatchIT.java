package io.provisio.notification.email.delivery;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.notification.MutableClock;
import io.provisio.notification.RunningService;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.NotificationStore;
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
 * only the dispatchers under test compete.
 */
class ConcurrentDispatchIT extends RunningService {

    @Autowired
    NotificationStore store;
    @Autowired
    MailDispatcher applicationDispatcher;
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
    }

    @AfterEach
    void resumeApplicationDispatcher() {
        applicationDispatcher.start();
    }

    @Test
    void twoDispatchersSendTwentyDueEmailsWithoutADuplicate() {
        String customerId = "cus-race-" + UUID.randomUUID();
        List<Notification> due = IntStream.range(0, 20)
                .mapToObj(i -> welcome(customerId, "race-" + i + "@testbolag.se", clock.instant()))
                .toList();
        due.forEach(store::insertIfAbsent);

        MailDispatcher first = replica(sender, properties);
        MailDispatcher second = replica(sender, properties);
        first.start();
        second.start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> due.stream()
                    .allMatch(n -> store.find(n.id()).orElseThrow().status() == NotificationStatus.SENT));
        } finally {
            first.stop();
            second.stop();
        }

        for (Notification notification : due) {
            assertThat(receivedWithMessageId(notification.messageId())).as(notification.messageId()).hasSize(1);
            assertThat(store.find(notification.id()).orElseThrow().attempts()).isEqualTo(1);
        }
    }

    @Test
    void sendsAnEmailWhoseClaimingReplicaDied() {
        Notification orphan = welcome("cus-" + UUID.randomUUID(), "orphan@testbolag.se", clock.instant());
        store.insertIfAbsent(orphan);
        mongo.getCollection(NotificationStore.COLLECTION).updateOne(new Document("_id", orphan.id()),
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
    void retriesAFailedAttemptWithBackOffAndGivesUpAfterTheLastOne() throws IOException {
        Notification notification = welcome("cus-" + UUID.randomUUID(), "unlucky@testbolag.se", clock.instant());
        store.insertIfAbsent(notification);
        DeliveryProperties twoAttempts = new DeliveryProperties(Duration.ofMillis(100), Duration.ofMinutes(2), 2,
                Duration.ofMinutes(1), Duration.ofMinutes(10), properties.from());
        MailDispatcher dispatcher = replica(unreachableSmtp(), twoAttempts);
        double failedBefore = failedCount();

        dispatcher.dispatchDue();
        Notification afterFirst = store.find(notification.id()).orElseThrow();
        assertThat(afterFirst.status()).isEqualTo(NotificationStatus.SCHEDULED);
        assertThat(afterFirst.attempts()).isEqualTo(1);
        assertThat(afterFirst.lastError()).contains("MailSendException");
        assertThat(afterFirst.sendAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
        dispatcher.dispatchDue();
        assertThat(store.find(notification.id()).orElseThrow().attempts()).as("not due before its back-off")
                .isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        dispatcher.dispatchDue();

        Notification afterLast = store.find(notification.id()).orElseThrow();
        assertThat(afterLast.status()).isEqualTo(NotificationStatus.FAILED);
        assertThat(afterLast.attempts()).isEqualTo(2);
        assertThat(failedCount()).isEqualTo(failedBefore + 1);
        clock.advance(Duration.ofHours(1));
        dispatcher.dispatchDue();
        assertThat(store.find(notification.id()).orElseThrow().attempts()).as("never tried again").isEqualTo(2);
    }

    private MailDispatcher replica(JavaMailSender mailSender, DeliveryProperties settings) {
        return new MailDispatcher(store, new MailRenderer(), mailSender, settings, clock, meters);
    }

    private Notification welcome(String customerId, String to, Instant sendAt) {
        String sagaId = UUID.randomUUID().toString();
        return Notification.scheduled(Notification.idFor(sagaId, Template.WELCOME), "p1", customerId, sagaId,
                Template.WELCOME, to, Language.EN,
                Map.of("recipientName", "Ada Lovelace", "companyName", "Müller & Söhne GmbH",
                        "activationRequired", false),
                sendAt, clock.instant());
    }

    /** A sender pointed at a port nobody listens on: every attempt fails to connect. */
    private static JavaMailSender unreachableSmtp() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        JavaMailSenderImpl unreachable = new JavaMailSenderImpl();
        unreachable.setHost("127.0.0.1");
        unreachable.setPort(port);
        return unreachable;
    }

    private double failedCount() {
        var counter = meters.find("provisio.email.failed").tag("template", "WELCOME").counter();
        return counter == null ? 0 : counter.count();
    }
}
