package io.provisio.notification.email.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import io.provisio.notification.MutableClock;
import io.provisio.notification.RunningService;
import io.provisio.notification.email.domain.Language;
import io.provisio.notification.email.domain.Notification;
import io.provisio.notification.email.domain.NotificationStatus;
import io.provisio.notification.email.domain.Template;
import io.provisio.notification.email.persistence.NotificationQueries;
import io.provisio.notification.email.persistence.SagaNotificationStore;
import io.provisio.notification.profile.CustomerProfile;
import io.provisio.notification.profile.CustomerProfileStore;
import io.provisio.platform.apidocs.DocumentedEndpoints;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Preview, reschedule, cancel and resend, partner-scoped, against the running service and a real SMTP server. */
class NotificationApiIT extends RunningService {

    private static final String TOKEN = "ApiApiApi8m3xY0bq3fN7tT1bqkq3VvJmX0o4h4rV9aH";
    private static final String BASE = "/api/v1/customers/{customerId}/notifications";

    @Autowired
    MockMvc mvc;
    @Autowired
    NotificationQueries store;
    @Autowired
    SagaNotificationStore emails;
    @Autowired
    CustomerProfileStore profiles;
    @Autowired
    MutableClock clock;

    private String customerId;

    @BeforeEach
    void customer() {
        customerId = "cus-" + UUID.randomUUID();
        profiles.saveFromWelcome(new CustomerProfile(customerId, "p1", "admin@testbolag.se", "Bengt Testsson", "sv",
                "Testbolag Göteborg AB", "Nordic IT Partner AB"), clock.instant());
    }

    @Test
    void previewsAnActivationEmailWithoutSendingItAndWithTheLinkMasked() throws Exception {
        Notification activation = stored(Template.ACTIVATION, clock.instant().plus(Duration.ofDays(30)), TOKEN);

        mvc.perform(get(BASE + "/{id}/preview", customerId, activation.id()).with(partner("p1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.subject").value("Aktivera ditt Provisio-konto"))
                .andExpect(jsonPath("$.language").value("sv"))
                .andExpect(result -> assertThat(result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                        .contains("activate?token=••••", "Nordic IT Partner AB har skapat ett Provisio-konto")
                        .doesNotContain(TOKEN));

        assertThat(store.find(activation.id()).orElseThrow().status()).isEqualTo(NotificationStatus.SCHEDULED);
        assertThat(receivedWithMessageId(activation.messageId())).isEmpty();
    }

    @Test
    void showsAnEmailWithItsHistoryButNeverItsTokenOrModel() throws Exception {
        Notification activation = stored(Template.ACTIVATION, clock.instant().plus(Duration.ofDays(30)), TOKEN);

        String body = mvc.perform(get(BASE + "/{id}", customerId, activation.id()).with(partner("p1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(activation.id()))
                .andExpect(jsonPath("$.template").value("ACTIVATION"))
                .andExpect(jsonPath("$.status").value("SCHEDULED"))
                .andExpect(jsonPath("$.history[0].event").value("SCHEDULED"))
                .andExpect(jsonPath("$.history[0].by").value("system"))
                .andExpect(jsonPath("$.model").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain(TOKEN, "activationToken");
    }

    @Test
    void reschedulesAWaitingEmailAndRecordsWhoMovedIt() throws Exception {
        Notification welcome = stored(Template.WELCOME, clock.instant().plus(Duration.ofDays(30)), null);
        Instant later = clock.instant().plus(Duration.ofDays(40)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        mvc.perform(patch(BASE + "/{id}", customerId, welcome.id()).with(partner("p1"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"sendAt\":\"" + later + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.sendAt").value(later.toString()))
                .andExpect(jsonPath("$.history[1].event").value("RESCHEDULED"))
                .andExpect(jsonPath("$.history[1].by").value("p1"));

        assertThat(store.find(welcome.id()).orElseThrow().sendAt()).isEqualTo(later);
    }

    @Test
    void sendsARescheduledEmailAtItsNewTimeAndNotAtTheOldOne() throws Exception {
        Notification welcome = stored(Template.WELCOME, clock.instant().plus(Duration.ofDays(1)), null);
        Instant later = clock.instant().plus(Duration.ofDays(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

        mvc.perform(patch(BASE + "/{id}", customerId, welcome.id()).with(partner("p1"))
                        .contentType("application/merge-patch+json").content("{\"sendAt\":\"" + later + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SCHEDULED"));

        // Past the old time: the persisted sendAt moved, so no dispatcher claims it.
        clock.advance(Duration.ofDays(2));
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(3))
                .until(() -> store.find(welcome.id()).orElseThrow().status() == NotificationStatus.SCHEDULED);
        assertThat(receivedWithMessageId(welcome.messageId())).isEmpty();

        clock.advance(Duration.ofDays(1));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> store.find(welcome.id()).orElseThrow().status() == NotificationStatus.SENT);
        assertThat(receivedWithMessageId(welcome.messageId())).hasSize(1);
        assertThat(store.find(welcome.id()).orElseThrow().sentAt()).isEqualTo(clock.instant());
    }

    /**
     * Partners move e-mails that are due right now while the dispatcher claims them: each e-mail ends one way only.
     * Either the move won (200, still waiting at the new time, nothing sent) or the claim did (409 NOT_SCHEDULED,
     * sent once at its old time); never a 200 for an e-mail that then leaves anyway.
     */
    @Test
    void aRescheduleRacingTheDispatcherEitherMovesTheEmailOrIsRefusedAndItIsSentOnce() throws Exception {
        Instant later = clock.instant().plus(Duration.ofDays(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.util.List<Notification> due = java.util.stream.IntStream.range(0, 24)
                .mapToObj(i -> stored(Template.WELCOME, clock.instant(), null)).toList();

        java.util.Map<String, Integer> answers = new java.util.concurrent.ConcurrentHashMap<>();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (Notification notification : due) {
                threads.submit(() -> {
                    answers.put(notification.id(), mvc.perform(patch(BASE + "/{id}", customerId, notification.id())
                                    .with(partner("p1")).contentType(MediaType.APPLICATION_JSON)
                                    .content("{\"sendAt\":\"" + later + "\"}"))
                            .andReturn().getResponse().getStatus());
                    return null;
                });
            }
        }

        assertThat(answers).hasSize(due.size());
        assertThat(answers.values()).allMatch(answer -> answer == 200 || answer == 409);
        for (Notification notification : due) {
            if (answers.get(notification.id()) == 200) {
                Notification moved = store.find(notification.id()).orElseThrow();
                assertThat(moved.status()).as(notification.id()).isEqualTo(NotificationStatus.SCHEDULED);
                assertThat(moved.sendAt()).isEqualTo(later);
            } else {
                await().atMost(Duration.ofSeconds(15)).until(() -> store.find(notification.id()).orElseThrow()
                        .status() == NotificationStatus.SENT);
                assertThat(store.find(notification.id()).orElseThrow().sendAt()).isEqualTo(notification.sendAt());
            }
        }
        // Nothing the partner moved leaves before its new time; what was claimed left exactly once.
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> due.stream()
                .allMatch(n -> receivedWithMessageId(n.messageId()).size() == (answers.get(n.id()) == 200 ? 0 : 1)));
    }

    @Test
    void refusesASendAtInThePastOrMoreThanAYearAheadAndChangesNothing() throws Exception {
        Instant original = clock.instant().plus(Duration.ofDays(30));
        Notification welcome = stored(Template.WELCOME, original, null);

        for (String body : new String[] {"{\"sendAt\":\"" + clock.instant().minusSeconds(60) + "\"}",
                "{\"sendAt\":\"" + clock.instant().plus(Duration.ofDays(366)) + "\"}", "{\"sendAt\":null}"}) {
            mvc.perform(patch(BASE + "/{id}", customerId, welcome.id()).with(partner("p1"))
                            .contentType(MediaType.APPLICATION_JSON).content(body))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                    .andExpect(jsonPath("$.errors[0].field").value("sendAt"));
        }
        mvc.perform(patch(BASE + "/{id}", customerId, welcome.id()).with(partner("p1"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"sendAt\":\"tomorrow\",\"to\":\"x@y.z\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[0].field").value("sendAt"))
                .andExpect(jsonPath("$.errors[1].field").value("to"));
        assertThat(store.find(welcome.id()).orElseThrow().sendAt()).isEqualTo(original);
    }

    @Test
    void refusesToMoveAnActivationEmailPastTheExpiryOfItsLink() throws Exception {
        Instant original = clock.instant().plus(Duration.ofDays(30));
        Notification activation = stored(Template.ACTIVATION, original, TOKEN);
        Instant expiry = Instant.parse("2027-06-03T08:00:00Z");

        mvc.perform(patch(BASE + "/{id}", customerId, activation.id()).with(partner("p1"))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"sendAt\":\"" + expiry + "\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sendAt"));
        assertThat(store.find(activation.id()).orElseThrow().sendAt()).isEqualTo(original);

        mvc.perform(patch(BASE + "/{id}", customerId, activation.id()).with(partner("p1"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sendAt\":\"" + expiry.minus(Duration.ofHours(1)) + "\"}"))
                .andExpect(status().isOk());
    }

    @Test
    void cancelsAWaitingEmailOnceAndRefusesToChangeItAfterwards() throws Exception {
        Notification welcome = stored(Template.WELCOME, clock.instant().plus(Duration.ofDays(30)), null);

        mvc.perform(post(BASE + "/{id}/cancel", customerId, welcome.id()).with(partner("p1")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"))
                .andExpect(jsonPath("$.history[1].event").value("CANCELLED"))
                .andExpect(jsonPath("$.history[1].by").value("p1"));
        mvc.perform(post(BASE + "/{id}/cancel", customerId, welcome.id()).with(partner("p1")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("NOT_SCHEDULED"));
        mvc.perform(patch(BASE + "/{id}", customerId, welcome.id()).with(partner("p1"))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"sendAt\":\"" + clock.instant().plus(Duration.ofDays(2)) + "\"}"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("NOT_SCHEDULED"));

        clock.advance(Duration.ofDays(31));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                .until(() -> store.find(welcome.id()).orElseThrow().status() == NotificationStatus.CANCELLED);
        assertThat(receivedWithMessageId(welcome.messageId())).isEmpty();
    }

    @Test
    void resendsASentEmailAsANewEmailAndNotesItOnTheOriginal() throws Exception {
        Notification welcome = stored(Template.WELCOME, clock.instant(), null);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> store.find(welcome.id()).orElseThrow().status() == NotificationStatus.SENT);

        MvcResult created = mvc.perform(post(BASE + "/{id}/resend", customerId, welcome.id()).with(partner("p1")))
                .andExpect(status().isCreated())
                .andExpect(header().exists("Location"))
                .andExpect(jsonPath("$.resentFrom").value(welcome.id()))
                .andExpect(jsonPath("$.template").value("WELCOME"))
                .andReturn();
        String location = created.getResponse().getHeader("Location");
        String copyId = location.substring(location.lastIndexOf('/') + 1);
        assertThat(location).isEqualTo("/api/v1/customers/" + customerId + "/notifications/" + copyId);
        assertThat(copyId).isNotEqualTo(welcome.id());

        await().atMost(Duration.ofSeconds(15)).until(() -> receivedWithMessageId("<" + copyId + "@provisio>")
                .size() == 1);
        assertThat(receivedWithMessageId(welcome.messageId())).hasSize(1);
        assertThat(store.find(welcome.id()).orElseThrow().history().getLast())
                .satisfies(entry -> {
                    assertThat(entry.event()).isEqualTo("RESENT");
                    assertThat(entry.by()).isEqualTo("p1");
                    assertThat(entry.detail()).isEqualTo("as " + copyId);
                });
    }

    @Test
    void refusesToResendAWaitingEmailOrAnActivationLink() throws Exception {
        Notification waiting = stored(Template.WELCOME, clock.instant().plus(Duration.ofDays(30)), null);
        Notification activation = stored(Template.ACTIVATION, clock.instant().plus(Duration.ofDays(30)), TOKEN);

        mvc.perform(post(BASE + "/{id}/resend", customerId, waiting.id()).with(partner("p1")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("NOT_RESENDABLE"));
        mvc.perform(post(BASE + "/{id}/resend", customerId, activation.id()).with(partner("p1")))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ACTIVATION_RESEND_VIA_IDENTITY"));
        assertThat(notificationsOfCustomer(customerId)).hasSize(2);
    }

    @Test
    void answersAnotherPartnersEmailExactlyAsAnAbsentOne() throws Exception {
        Notification welcome = stored(Template.WELCOME, clock.instant().plus(Duration.ofDays(30)), null);
        String later = "{\"sendAt\":\"" + clock.instant().plus(Duration.ofDays(2)) + "\"}";

        for (String id : new String[] {welcome.id(), "ntf-does-not-exist"}) {
            String partnerId = id.equals(welcome.id()) ? "p2" : "p1";
            mvc.perform(get(BASE + "/{id}", customerId, id).with(partner(partnerId)))
                    .andExpect(status().isNotFound()).andExpect(jsonPath("$.code").value("NOT_FOUND"));
            mvc.perform(get(BASE + "/{id}/preview", customerId, id).with(partner(partnerId)))
                    .andExpect(status().isNotFound());
            mvc.perform(patch(BASE + "/{id}", customerId, id).with(partner(partnerId))
                    .contentType(MediaType.APPLICATION_JSON).content(later)).andExpect(status().isNotFound());
            mvc.perform(post(BASE + "/{id}/cancel", customerId, id).with(partner(partnerId)))
                    .andExpect(status().isNotFound());
            mvc.perform(post(BASE + "/{id}/resend", customerId, id).with(partner(partnerId)))
                    .andExpect(status().isNotFound());
        }
        assertThat(store.find(welcome.id()).orElseThrow().status()).isEqualTo(NotificationStatus.SCHEDULED);
        assertThat(store.find(welcome.id()).orElseThrow().history()).hasSize(1);
    }

    private Notification stored(Template template, Instant sendAt, String token) {
        Notification notification = Notification.scheduled("ntf-" + UUID.randomUUID(), "p1", customerId, null,
                template, "admin-" + UUID.randomUUID() + "@testbolag.se", Language.SV,
                Map.of("recipientName", "Bengt Testsson", "companyName", "Testbolag Göteborg AB",
                        "partnerName", "Nordic IT Partner AB", "activationRequired", false,
                        "expiresAt", "2027-06-03T08:00:00Z"),
                sendAt, clock.instant()).withActivation(null, token);
        emails.insertIfAbsent(notification);
        return notification;
    }

    private static RequestPostProcessor partner(String partnerId) {
        return jwt().jwt(j -> j.claim("partner_id", partnerId))
                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));
    }

    /**
     * The service's OpenAPI document names exactly the public endpoints it maps, so it cannot drift from the code
     * (ADR 019); it is served without a token, for the gateway to merge.
     */
    @Test
    void documentsExactlyThePublicEndpointsItMaps(
            @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings)
            throws Exception {
        String document = mvc.perform(get("/v3/api-docs")).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(DocumentedEndpoints.mapped(mappings)).isNotEmpty();
        assertThat(DocumentedEndpoints.documented(document)).isEqualTo(DocumentedEndpoints.mapped(mappings));
        assertThat(document).startsWith("{\"openapi\":\"3.1.0\"");
    }
}
