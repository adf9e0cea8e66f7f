package io.provisio.notification.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;

import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.notification.contracts.CancelWelcomeEmail;
import io.provisio.notification.contracts.NotificationChannels;
import io.provisio.notification.contracts.ScheduleWelcomeEmail;
import io.provisio.notification.contracts.WelcomeEmailCancelled;
import io.provisio.notification.contracts.WelcomeEmailRejected;
import io.provisio.notification.contracts.WelcomeEmailScheduled;
import io.provisio.notification.email.domain.HistoryEntry;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.NotificationQueries;
import io.provisio.platform.messaging.Envelope;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** SCHEDULE_WELCOME_EMAIL over the real broker, delivered to a real SMTP server. */
class WelcomeEmailIT extends BrokerIT {

    private static final String STEP = "SCHEDULE_WELCOME_EMAIL";
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(20);

    @Autowired
    MeterRegistry meters;
    @Autowired
    MockMvc mvc;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;

    @Test
    void sendsSwedishWelcomeEmailAtOnceWhenSendAtIsNull() throws Exception {
        String sagaId = newSagaId();
        String customerId = "cus-" + sagaId;
        publish(schedule(sagaId, swedishWelcome(customerId, "bengt.testsson@testbolag.se", null)));

        Envelope reply = nextReply(sagaId);
        String id = Notification.idFor(sagaId, Template.WELCOME);
        assertThat(reply.type()).isEqualTo("WelcomeEmailScheduled");
        assertThat(codec.payload(reply, WelcomeEmailScheduled.class))
                .isEqualTo(new WelcomeEmailScheduled(customerId, List.of(id)));
        complete(sagaId, customerId);

        String messageId = "<" + id + "@provisio>";
        await().atMost(Duration.ofSeconds(15)).until(() -> receivedWithMessageId(messageId).size() == 1);
        MimeMessage mail = receivedWithMessageId(messageId).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Välkommen till Provisio, Testbolag Göteborg AB");
        assertThat(mail.getHeader("Subject")[0]).as("encoded as RFC 2047 UTF-8").startsWith("=?UTF-8?");
        assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo(FROM_ADDRESS);
        assertThat(((InternetAddress) mail.getAllRecipients()[0]).getAddress()).isEqualTo("bengt.testsson@testbolag.se");
        assertThat(((InternetAddress) mail.getAllRecipients()[0]).getPersonal()).isEqualTo("Bengt Testsson");
        assertThat(mail.getContentType()).startsWith("multipart/");
        Map<String, String> parts = textParts(mail);
        assertThat(parts).containsOnlyKeys("text/plain", "text/html");
        assertThat(parts.get("text/plain")).contains("Hej Bengt Testsson,",
                "Testbolag Göteborg AB har nu en egen organisation i Provisio", "aktiveringslänk");
        assertThat(parts.get("text/html")).contains("<strong>Testbolag Göteborg AB</strong>", "aktiveringslänk");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> store.find(id).orElseThrow().status() == NotificationStatus.SENT);
        Notification sent = store.find(id).orElseThrow();
        assertThat(sent.attempts()).isEqualTo(1);
        assertThat(sent.sentAt()).isNotNull();
        assertThat(sent.lastError()).isNull();

        mvc.perform(get("/api/v1/customers/{id}/notifications", customerId).with(partner("p1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.size").value(20))
                .andExpect(jsonPath("$.items[0].id").value(id))
                .andExpect(jsonPath("$.items[0].template").value("WELCOME"))
                .andExpect(jsonPath("$.items[0].to").value("bengt.testsson@testbolag.se"))
                .andExpect(jsonPath("$.items[0].language").value("sv"))
                .andExpect(jsonPath("$.items[0].status").value("SENT"))
                .andExpect(jsonPath("$.items[0].attempts").value(1))
                .andExpect(jsonPath("$.items[0].sentAt").isNotEmpty())
                .andExpect(jsonPath("$.items[0].model").doesNotExist());
    }

    @Test
    void schedulesOnceAndRepeatsItsReplyWhenTheCommandArrivesTwice() {
        String sagaId = newSagaId();
        String to = "twice-" + sagaId + "@testbolag.se";
        Envelope command = schedule(sagaId, swedishWelcome("cus-" + sagaId, to, null));
        publish(command);
        Envelope first = nextReply(sagaId);
        // The redelivery comes after the first reply left: a copy appended while the relay is still
        // publishing the first one is dropped with it (same messageId, see the README's notes).
        publish(command);
        Envelope second = nextReply(sagaId);
        assertThat(second.messageId()).isEqualTo(first.messageId());
        assertThat(second.payload()).isEqualTo(first.payload());

        String id = Notification.idFor(sagaId, Template.WELCOME);
        assertThat(notificationsOfSaga(sagaId)).hasSize(1);
        complete(sagaId, "cus-" + sagaId);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> store.find(id).orElseThrow().status() == NotificationStatus.SENT);
        assertThat(receivedWithMessageId("<" + id + "@provisio>")).hasSize(1);
    }

    @Test
    void keepsAFutureEmailScheduledUntilItsTimeHasCome() {
        String sagaId = newSagaId();
        Instant tomorrow = clock.instant().plus(Duration.ofDays(1));
        publish(schedule(sagaId, swedishWelcome("cus-" + sagaId, "later-" + sagaId + "@testbolag.se", tomorrow)));
        assertThat(nextReply(sagaId).type()).isEqualTo("WelcomeEmailScheduled");
        String id = Notification.idFor(sagaId, Template.WELCOME);
        complete(sagaId, "cus-" + sagaId);

        // Several dispatch rounds (every 100 ms) pass without sending it.
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                .until(() -> store.find(id).orElseThrow().status() == NotificationStatus.SCHEDULED);
        assertThat(store.find(id).orElseThrow().sendAt()).isEqualTo(tomorrow);
        assertThat(receivedWithMessageId("<" + id + "@provisio>")).isEmpty();

        clock.advance(Duration.ofDays(1).plusSeconds(1));

        await().atMost(Duration.ofSeconds(15))
                .until(() -> store.find(id).orElseThrow().status() == NotificationStatus.SENT);
        assertThat(receivedWithMessageId("<" + id + "@provisio>")).hasSize(1);
    }

    @Test
    void cancelsAFutureEmailAndRepliesWithHowManyWereCancelled() throws Exception {
        String sagaId = newSagaId();
        String customerId = "cus-" + sagaId;
        Instant nextWeek = clock.instant().plus(Duration.ofDays(7));
        publish(schedule(sagaId, swedishWelcome(customerId, "cancel-" + sagaId + "@testbolag.se", nextWeek)));
        assertThat(nextReply(sagaId).type()).isEqualTo("WelcomeEmailScheduled");

        publish(cancel(sagaId, customerId));
        Envelope reply = nextReply(sagaId);
        assertThat(reply.type()).isEqualTo("WelcomeEmailCancelled");
        assertThat(codec.payload(reply, WelcomeEmailCancelled.class))
                .isEqualTo(new WelcomeEmailCancelled(customerId, 1));

        String id = Notification.idFor(sagaId, Template.WELCOME);
        assertThat(store.find(id).orElseThrow().status()).isEqualTo(NotificationStatus.CANCELLED);
        clock.advance(Duration.ofDays(8));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> store.find(id).orElseThrow().status() == NotificationStatus.CANCELLED);
        assertThat(receivedWithMessageId("<" + id + "@provisio>")).isEmpty();

        mvc.perform(get("/api/v1/customers/{id}/notifications", customerId).with(partner("p1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].status").value("CANCELLED"));
    }

    @Test
    void ignoresAScheduleThatArrivesAfterItsCancellation() {
        String sagaId = newSagaId();
        String customerId = "cus-" + sagaId;
        publish(cancel(sagaId, customerId));
        Envelope reply = nextReply(sagaId);
        assertThat(codec.payload(reply, WelcomeEmailCancelled.class))
                .isEqualTo(new WelcomeEmailCancelled(customerId, 0));

        double refusedBefore = refused();
        publish(schedule(sagaId, swedishWelcome(customerId, "late-" + sagaId + "@testbolag.se", null)));

        await().atMost(Duration.ofSeconds(15)).until(() -> refused() > refusedBefore);
        assertThat(notificationsOfSaga(sagaId)).isEmpty();
        assertThat(broker.receive(replies, Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void rejectsAWelcomeEmailWithoutAValidRecipient() {
        String sagaId = newSagaId();
        publish(schedule(sagaId, swedishWelcome("cus-" + sagaId, "not an address", null)));

        Envelope reply = nextReply(sagaId);
        assertThat(reply.type()).isEqualTo("WelcomeEmailRejected");
        assertThat(codec.payload(reply, WelcomeEmailRejected.class).code()).isEqualTo("INVALID_RECIPIENT");
        assertThat(notificationsOfSaga(sagaId)).isEmpty();
    }

    @Test
    void showsACustomersEmailsOnlyToItsOwnPartnerAndAnswersOthersAsIfAbsent() throws Exception {
        String sagaId = newSagaId();
        String customerId = "cus-" + sagaId;
        publish(schedule(sagaId, swedishWelcome(customerId, "scoped-" + sagaId + "@testbolag.se",
                clock.instant().plus(Duration.ofDays(30)))));
        nextReply(sagaId);

        mvc.perform(get("/api/v1/customers/{id}/notifications", customerId).with(partner("p1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].status").value("SCHEDULED"))
                .andExpect(jsonPath("$.items[0].sentAt").isEmpty());
        mvc.perform(get("/api/v1/customers/{id}/notifications", customerId).with(partner("p2")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        mvc.perform(get("/api/v1/customers/{id}/notifications", "cus-unknown").with(partner("p1")))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
        mvc.perform(get("/api/v1/customers/{id}/notifications", customerId).param("size", "201")
                        .with(partner("p1")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("size"));
        mvc.perform(get("/api/v1/customers/{id}/notifications", customerId))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void sendsTheActivationEmailWithTheWelcomeAndForgetsItsTokenOnceSent() throws Exception {
        String sagaId = newSagaId();
        String customerId = "cus-" + sagaId;
        String token = "q5WlQw8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2E";
        Instant expiresAt = Instant.parse("2027-06-03T08:00:00Z");
        publish(schedule(sagaId, new ScheduleWelcomeEmail(customerId, "act-" + sagaId + "@testbolag.se",
                "Bengt Testsson", "sv", null, "Testbolag Göteborg AB", "testbolag", true, "Nordic IT Partner AB",
                "bengt.testsson@testbolag.se", token, expiresAt, "usr-" + sagaId)));

        Envelope reply = nextReply(sagaId);
        String welcomeId = Notification.idFor(sagaId, Template.WELCOME);
        String activationId = Notification.idFor(sagaId, Template.ACTIVATION);
        assertThat(codec.payload(reply, WelcomeEmailScheduled.class).notificationIds())
                .containsExactly(welcomeId, activationId);
        assertThat(reply.payload().toString()).doesNotContain(token);
        assertThat(store.find(activationId).orElseThrow().userId()).as("the administrator a UserDeleted names")
                .isEqualTo("usr-" + sagaId);
        complete(sagaId, customerId);

        await().atMost(Duration.ofSeconds(15)).until(() -> receivedWithMessageId("<" + activationId + "@provisio>")
                .size() == 1);
        MimeMessage mail = receivedWithMessageId("<" + activationId + "@provisio>").getFirst();
        assertThat(mail.getSubject()).isEqualTo("Aktivera ditt Provisio-konto");
        Map<String, String> parts = textParts(mail);
        assertThat(parts.get("text/plain")).contains("http://localhost:8080/activate?token=" + token,
                "Nordic IT Partner AB har skapat ett Provisio-konto åt dig hos Testbolag Göteborg AB",
                "gäller till 3 juni 2027, 08:00 UTC");
        assertThat(parts.get("text/html")).contains("href=\"http://localhost:8080/activate?token=" + token + "\"");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> store.find(activationId).orElseThrow().status() == NotificationStatus.SENT);
        assertThat(store.find(activationId).orElseThrow().activationToken()).as("erased once sent").isNull();
        assertThat(mongo.getCollection(NotificationQueries.COLLECTION).find(new org.bson.Document("_id", activationId))
                .first().toJson()).doesNotContain(token);
        assertThat(mongo.getCollection("saga_participations").find(new org.bson.Document("sagaId", sagaId))
                .first().toJson()).doesNotContain(token);
        mvc.perform(get("/api/v1/customers/{id}/notifications", customerId).with(partner("p1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(2))
                .andExpect(jsonPath("$.items[?(@.template == 'ACTIVATION')].status").value("SENT"))
                .andExpect(jsonPath("$..activationToken").isEmpty());
    }

    @Test
    void compensationCancelsTheUnsentWelcomeAndActivationEmailsAndErasesTheToken() {
        String sagaId = newSagaId();
        String customerId = "cus-" + sagaId;
        String token = "Zz9WlQw8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2";
        publish(schedule(sagaId, new ScheduleWelcomeEmail(customerId, "comp-" + sagaId + "@testbolag.se",
                "Bengt Testsson", "de", clock.instant().plus(Duration.ofDays(2)), "Müller GmbH", "mueller", true,
                null, null, token, clock.instant().plus(Duration.ofDays(5)), "usr-" + sagaId)));
        assertThat(nextReply(sagaId).type()).isEqualTo("WelcomeEmailScheduled");

        publish(cancel(sagaId, customerId));

        assertThat(codec.payload(nextReply(sagaId), WelcomeEmailCancelled.class))
                .isEqualTo(new WelcomeEmailCancelled(customerId, 2));
        assertThat(notificationsOfSaga(sagaId)).hasSize(2).allSatisfy(n -> {
            assertThat(n.status()).isEqualTo(NotificationStatus.CANCELLED);
            assertThat(n.activationToken()).isNull();
            assertThat(n.history().getLast().event()).isEqualTo("CANCELLED");
        });
    }

    @Test
    void holdsTheWelcomeAndActivationEmailsUntilTheOnboardingCompletedThenSendsThemAtOnce() {
        String sagaId = newSagaId();
        String customerId = "cus-" + sagaId;
        publish(schedule(sagaId, new ScheduleWelcomeEmail(customerId, "held-" + sagaId + "@testbolag.se",
                "Bengt Testsson", "sv", null, "Testbolag Göteborg AB", "testbolag", true, "Nordic IT Partner AB",
                "bengt.testsson@testbolag.se", "Hld9WlQw8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2",
                clock.instant().plus(Duration.ofHours(72)), "usr-" + sagaId)));
        assertThat(nextReply(sagaId).type()).isEqualTo("WelcomeEmailScheduled");
        String welcomeId = Notification.idFor(sagaId, Template.WELCOME);
        String activationId = Notification.idFor(sagaId, Template.ACTIVATION);

        // Due at once, but the onboarding may still be rolled back: several dispatch rounds pass without it.
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3)).until(() ->
                notificationsOfSaga(sagaId).stream().allMatch(n -> n.status() == NotificationStatus.HELD));
        assertThat(receivedWithMessageId("<" + welcomeId + "@provisio>")).isEmpty();

        // Another partner's completion of the same saga id releases nothing.
        broker.publish(CustomerChannels.EVENTS, codec.encode(codec.event("OnboardingCompleted", "p2", null,
                new OnboardingCompleted(sagaId, customerId, clock.instant()))));
        complete(sagaId, customerId);
        complete(sagaId, customerId);

        await().atMost(Duration.ofSeconds(15)).until(() ->
                receivedWithMessageId("<" + welcomeId + "@provisio>").size() == 1
                        && receivedWithMessageId("<" + activationId + "@provisio>").size() == 1);
        assertThat(store.find(welcomeId).orElseThrow().history()).extracting(HistoryEntry::event)
                .containsOnlyOnce("RELEASED");
    }

    /** The text parts of a (possibly nested) multipart e-mail by media type, decoded. */
    static Map<String, String> textParts(Part part) throws Exception {
        Map<String, String> found = new HashMap<>();
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                found.putAll(textParts(multipart.getBodyPart(i)));
            }
        } else if (part.isMimeType("text/*")) {
            assertThat(part.getContentType()).containsIgnoringCase("charset=UTF-8");
            found.put(part.getContentType().split(";")[0].trim().toLowerCase(), (String) part.getContent());
        }
        return found;
    }

    private static ScheduleWelcomeEmail swedishWelcome(String customerId, String to, Instant sendAt) {
        return new ScheduleWelcomeEmail(customerId, to, "Bengt Testsson", "sv", sendAt, "Testbolag Göteborg AB",
                "testbolag", true, "Nordic IT Partner AB", "bengt.testsson@testbolag.se", null, null, null);
    }

    private Envelope schedule(String sagaId, ScheduleWelcomeEmail payload) {
        return codec.command("ScheduleWelcomeEmail", sagaId, STEP, "p1", "saga-replies", null, payload);
    }

    private Envelope cancel(String sagaId, String customerId) {
        return codec.command("CancelWelcomeEmail", sagaId, STEP, "p1", "saga-replies", null,
                new CancelWelcomeEmail(customerId));
    }

    private void publish(Envelope command) {
        broker.publish(NotificationChannels.COMMANDS, codec.encode(command));
    }

    /** The next reply of this saga on the tap, skipping any other saga's. */
    private Envelope nextReply(String sagaId) {
        List<String> skipped = new ArrayList<>();
        Instant deadline = Instant.now().plus(REPLY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            var body = broker.receive(replies, Duration.between(Instant.now(), deadline));
            if (body.isEmpty()) {
                break;
            }
            Envelope reply = codec.decode(body.get().getBytes(StandardCharsets.UTF_8));
            if (sagaId.equals(reply.sagaId())) {
                return reply;
            }
            skipped.add(reply.type());
        }
        throw new AssertionError("no reply for saga " + sagaId + " within " + REPLY_TIMEOUT + "; skipped " + skipped);
    }

    private double refused() {
        var counter = meters.find("provisio.participant.refused").tag("type", "ScheduleWelcomeEmail").counter();
        return counter == null ? 0 : counter.count();
    }

    private static RequestPostProcessor partner(String partnerId) {
        return jwt().jwt(j -> j.claim("partner_id", partnerId))
                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));
    }

    private static String newSagaId() {
        return UUID.randomUUID().toString();
    }
}
