package io.provisio.notification.messaging;

import java.time.Duration;
import java.util.UUID;

import io.provisio.notification.contracts.NotificationChannels;
import io.provisio.notification.contracts.ScheduleStaffInvitationEmail;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.platform.messaging.Envelope;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** ScheduleStaffInvitationEmail from identity (ADR 029), over the real broker: one e-mail however often delivered. */
class StaffInvitationEmailsIT extends BrokerIT {

    private static final Duration DELIVERY = Duration.ofSeconds(20);

    @Test
    void sendsAStaffInvitationOnceInTheRequestedLanguageWithTheStaffPagesLink() throws Exception {
        String staffId = "stf-" + UUID.randomUUID();
        String to = staffId + "@nordic-it.example";
        String token = "Stf" + UUID.randomUUID().toString().replace("-", "").substring(0, 30) + "xY0bq3fN7tT1";
        Envelope request = codec.event("ScheduleStaffInvitationEmail", "p1", null, new ScheduleStaffInvitationEmail(
                staffId, to, "Ines Agent", "de", "Nordic IT Partner AB", "PARTNER_AGENT", token,
                clock.instant().plus(Duration.ofHours(72))));

        broker.publish(NotificationChannels.COMMANDS, codec.encode(request));
        broker.publish(NotificationChannels.COMMANDS, codec.encode(request));

        String id = Notification.idOf("staff-invitation/" + request.messageId());
        await().atMost(DELIVERY).until(() -> receivedWithMessageId("<" + id + "@provisio>").size() == 1);
        MimeMessage mail = receivedWithMessageId("<" + id + "@provisio>").getFirst();
        assertThat(mail.getSubject()).isEqualTo("Ihre Einladung zur Provisio-Konsole");
        assertThat(((InternetAddress) mail.getAllRecipients()[0]).getAddress()).isEqualTo(to);
        assertThat(WelcomeEmailIT.textParts(mail).get("text/plain")).contains("Hallo Ines Agent,",
                "Nordic IT Partner AB hat Sie", "/activate/staff?token=" + token, "Sie nehmen Kunden auf");
        await().atMost(Duration.ofSeconds(5)).until(() -> store.find(id).map(Notification::status)
                .filter(NotificationStatus.SENT::equals).isPresent());
        Notification sent = store.find(id).orElseThrow();
        assertThat(sent.customerId()).as("no customer's e-mail list shows it").isNull();
        assertThat(sent.activationToken()).as("the token is gone once sent").isNull();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> receivedWithMessageId("<" + id + "@provisio>").size() == 1);
    }
}
