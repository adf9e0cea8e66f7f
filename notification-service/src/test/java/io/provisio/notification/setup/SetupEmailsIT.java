package io.provisio.notification.setup;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.RecordSetupEscalation;
import io.provisio.devstack.BrokerProbe;
import io.provisio.notification.MutableClock;
import io.provisio.notification.RunningService;
import io.provisio.notification.contracts.NotificationChannels;
import io.provisio.notification.contracts.EndSetupEmails;
import io.provisio.notification.contracts.NotificationMessages;
import io.provisio.notification.contracts.ScheduleSetupEmails;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.NotificationQueries;
import io.provisio.notification.setup.persistence.SetupTimerStore;
import io.provisio.notification.webhook.domain.WebhookDelivery;
import io.provisio.notification.webhook.domain.WebhookEventType;
import io.provisio.notification.webhook.persistence.DeliveryQueries;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Delegated setup's timer (ADR 023) over the real broker, with the test clock moved instead of waiting: identity's
 * ScheduleSetupEmails (twice) starts one timer; "Configure now" goes out on the start date with the setup link; a day
 * later the partner is escalated to by e-mail, webhook and a RecordSetupEscalation for customer-service; identity's
 * EndSetupEmails (twice) stops the timer and announces setup.completed once.
 */
class SetupEmailsIT extends RunningService {

    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static final String TOKEN = "SetupTok8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH2";
    private static BrokerProbe broker;

    @Autowired
    MessageCodec codec;
    @Autowired
    NotificationQueries emails;
    @Autowired
    SetupTimerStore timers;
    @Autowired
    DeliveryQueries webhooks;
    @Autowired
    MutableClock clock;
    @Autowired
    MockMvc mvc;

    @BeforeAll
    static void connect() {
        broker = BrokerProbe.connect();
    }

    @AfterAll
    static void disconnect() {
        broker.close();
    }

    @Test
    void configuresNowOnTheStartDateEscalatesADayLaterAndStopsWhenSetupCompletes() throws Exception {
        String partnerId = "p-" + UUID.randomUUID();
        String customerId = "cus-" + UUID.randomUUID();
        String endpointId = registerWebhook(partnerId);
        String toCustomerService = broker.tap(CustomerChannels.COMMANDS);
        LocalDate startDate = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1);
        Envelope command = codec.command(NotificationMessages.COMMANDS, null, null, partnerId, null, null,
                new ScheduleSetupEmails(customerId, "DELEGATE", "it-" + customerId + "@testbolag.se", startDate, "sv",
                        "Testbolag Göteborg AB", "testbolag", "Nordic IT Partner AB", "noc-" + customerId
                        + "@nordic-it.example", TOKEN, startDate.plusDays(14).atStartOfDay(ZoneOffset.UTC)
                        .toInstant()));

        broker.publish(NotificationChannels.COMMANDS, codec.encode(command));
        broker.publish(NotificationChannels.COMMANDS, codec.encode(command));
        await().atMost(DELIVERY).until(() -> timers.status(customerId).isPresent());
        assertThat(notificationsOfCustomer(customerId)).as("nothing before the start date").isEmpty();

        clock.advance(Duration.between(clock.instant(), startDate.atStartOfDay(ZoneOffset.UTC).toInstant())
                .plusSeconds(1));
        String configureNow = Notification.idOf("setup/" + customerId + "/0");
        await().atMost(DELIVERY).until(() -> receivedWithMessageId("<" + configureNow + "@provisio>").size() == 1);
        MimeMessage mail = receivedWithMessageId("<" + configureNow + "@provisio>").getFirst();
        assertThat(mail.getSubject()).isEqualTo("Konfigurera Testbolag Göteborg AB i Provisio nu");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("it-" + customerId + "@testbolag.se");
        assertThat(text(mail)).contains("/setup?token=" + TOKEN);
        assertThat(emails.find(configureNow).orElseThrow().activationToken()).as("gone once sent").isNull();

        clock.advance(Duration.ofDays(1));
        String escalation = Notification.idOf("setup/" + customerId + "/1");
        await().atMost(DELIVERY).until(() -> receivedWithMessageId("<" + escalation + "@provisio>").size() == 1);
        Notification toPartner = emails.find(escalation).orElseThrow();
        assertThat(toPartner.template()).isEqualTo(Template.SETUP_ESCALATED);
        assertThat(toPartner.to()).isEqualTo("noc-" + customerId + "@nordic-it.example");
        WebhookDelivery escalated = webhooks.delivery(WebhookDelivery.idOf("setup-escalated/" + customerId + "/1",
                endpointId)).orElseThrow();
        assertThat(escalated.type()).isEqualTo(WebhookEventType.SETUP_ESCALATED);
        assertThat(JsonMapper.builder().build().readTree(escalated.body()).get("data").get("customerId")
                .asString()).isEqualTo(customerId);
        Envelope recorded = codec.decode(broker.receive(toCustomerService, DELIVERY).orElseThrow()
                .getBytes(StandardCharsets.UTF_8));
        assertThat(recorded.type()).isEqualTo("RecordSetupEscalation");
        assertThat(recorded.partnerId()).isEqualTo(partnerId);
        assertThat(codec.payload(recorded, RecordSetupEscalation.class).customerId()).isEqualTo(customerId);

        Envelope end = codec.command(NotificationMessages.COMMANDS, null, null, partnerId, null, null,
                new EndSetupEmails(customerId, clock.instant(), "testbolag.provisio.cloud"));
        broker.publish(NotificationChannels.COMMANDS, codec.encode(end));
        broker.publish(NotificationChannels.COMMANDS, codec.encode(end));

        await().atMost(DELIVERY).until(() -> timers.status(customerId).filter("COMPLETED"::equals).isPresent());
        String completedId = WebhookDelivery.idOf(end.messageId(), endpointId);
        await().atMost(DELIVERY).until(() -> webhooks.delivery(completedId).isPresent());
        assertThat(webhooks.delivery(completedId).orElseThrow().type()).isEqualTo(WebhookEventType.SETUP_COMPLETED);
        clock.advance(Duration.ofDays(2));
        String reminder = Notification.idOf("setup/" + customerId + "/2");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> emails.find(reminder).isEmpty());
        assertThat(notificationsOfCustomer(customerId)).extracting(Notification::id)
                .containsExactlyInAnyOrder(configureNow, escalation);
    }

    /** Every text part of the e-mail, decoded. */
    private static String text(Part part) throws Exception {
        if (part.getContent() instanceof Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i)));
            }
            return all.toString();
        }
        return part.getContent() instanceof String content ? content : "";
    }

    private String registerWebhook(String partnerId) throws Exception {
        String answer = mvc.perform(post("/api/v1/webhooks").with(jwt().jwt(j -> j.claim("partner_id", partnerId))
                                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding")))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"url\": \"http://127.0.0.1:9/hooks\", \"events\": [\"setup.escalated\","
                                + " \"setup.completed\"]}"))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return JsonMapper.builder().build().readTree(answer).get("id").asString();
    }
}
