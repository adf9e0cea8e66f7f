package io.provisio.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import io.micrometer.core.instrument.MeterRegistry;
import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.CustomerResumed;
import io.provisio.customer.contracts.CustomerSuspended;
import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.customer.contracts.OnboardingFailed;
import io.provisio.devstack.BrokerProbe;
import io.provisio.subscription.contracts.SubscriptionActivated;
import io.provisio.subscription.contracts.SubscriptionChannels;
import io.provisio.subscription.contracts.SubscriptionMessages;
import io.provisio.notification.MutableClock;
import io.provisio.notification.RunningService;
import io.provisio.notification.profile.CustomerProfile;
import io.provisio.notification.profile.CustomerProfileStore;
import io.provisio.notification.webhook.domain.DeliveryStatus;
import io.provisio.notification.webhook.domain.WebhookDelivery;
import io.provisio.notification.webhook.persistence.DeliveryQueries;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Signed webhooks end to end inside the service: registered through the API, fed by events over the real broker,
 * delivered to a receiver on a real socket, verified with a recipe written here from the README, not with the
 * service's signer.
 */
class WebhookDeliveryIT extends RunningService {

    private static final Duration DELIVERY = Duration.ofSeconds(20);
    private static BrokerProbe broker;

    @Autowired
    MockMvc mvc;
    @Autowired
    MessageCodec codec;
    @Autowired
    DeliveryQueries store;
    @Autowired
    CustomerProfileStore profiles;
    @Autowired
    MutableClock clock;
    @Autowired
    MeterRegistry meters;

    private final JsonMapper mapper = JsonMapper.builder().build();
    private String partnerId;
    private WebhookReceiver receiver;

    @BeforeAll
    static void connect() {
        broker = BrokerProbe.connect();
    }

    @AfterAll
    static void disconnect() {
        broker.close();
    }

    @BeforeEach
    void partnerWithReceiver() {
        partnerId = "p-" + UUID.randomUUID();
        receiver = WebhookReceiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void deliversASignedOnboardingCompletedOnceAfterTheReceiverRecovers() throws Exception {
        receiver.answering(500, 503);
        Registered endpoint = register(List.of("onboarding.completed", "customer.suspended"));
        assertThat(endpoint.secret()).startsWith("whsec_");
        String onboardingId = "onb-" + UUID.randomUUID();
        String customerId = "cus-" + UUID.randomUUID();
        Envelope completed = codec.event(CustomerMessages.EVENTS, partnerId, null,
                new OnboardingCompleted(onboardingId, customerId, clock.instant()));

        broker.publish(CustomerChannels.EVENTS, codec.encode(completed));
        broker.publish(CustomerChannels.EVENTS, codec.encode(completed));

        await().atMost(DELIVERY).until(() -> receiver.received().size() == 1);
        clock.advance(Duration.ofSeconds(31));
        await().atMost(DELIVERY).until(() -> receiver.received().size() == 2);
        clock.advance(Duration.ofSeconds(61));
        String deliveryId = WebhookDelivery.idOf(completed.messageId(), endpoint.id());
        await().atMost(DELIVERY).until(() -> store.delivery(deliveryId).map(WebhookDelivery::status)
                .filter(DeliveryStatus.DELIVERED::equals).isPresent());

        List<WebhookReceiver.Received> received = receiver.received();
        assertThat(received).hasSize(3).allSatisfy(request -> {
            assertThat(request.headers()).containsEntry("webhook-id", deliveryId)
                    .containsEntry("content-type", "application/json");
            assertThat(verifies(endpoint.secret(), request)).isTrue();
        });
        JsonNode body = mapper.readTree(received.getLast().body());
        assertThat(body.get("type").asString()).isEqualTo("onboarding.completed");
        assertThat(body.get("data").get("onboardingId").asString()).isEqualTo(onboardingId);
        assertThat(body.get("data").get("customerId").asString()).isEqualTo(customerId);
        assertThat(Instant.parse(body.get("timestamp").asString())).isNotNull();
        assertThat(verifies("whsec_" + Base64.getEncoder().encodeToString(new byte[32]), received.getLast())).isFalse();

        mvc.perform(get("/api/v1/webhooks/{id}/deliveries", endpoint.id()).with(partner(partnerId)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].id").value(deliveryId))
                .andExpect(jsonPath("$.items[0].status").value("DELIVERED"))
                .andExpect(jsonPath("$.items[0].log.length()").value(3))
                .andExpect(jsonPath("$.items[0].log[0].statusCode").value(500))
                .andExpect(jsonPath("$.items[0].log[2].statusCode").value(204));

        mvc.perform(post("/api/v1/webhooks/{id}/deliveries/{did}/redeliver", endpoint.id(), deliveryId)
                        .with(partner(partnerId)))
                .andExpect(status().isAccepted());
        await().atMost(DELIVERY).until(() -> receiver.received().size() == 4);
        assertThat(receiver.received().getLast().headers()).containsEntry("webhook-id", deliveryId);
        assertThat(receiver.received().getLast().body()).isEqualTo(received.getFirst().body());
    }

    @Test
    void announcesAFailedOnboardingWithItsFailureOnlyToSubscribedEndpoints() throws Exception {
        Registered failures = register(List.of("onboarding.failed"));
        Registered completions = register(List.of("onboarding.completed"));
        Envelope failed = codec.event(CustomerMessages.EVENTS, partnerId, null, new OnboardingFailed(
                "onb-" + UUID.randomUUID(), "cus-" + UUID.randomUUID(), "ASSIGN_PLANS", "INSUFFICIENT_LICENSES",
                "HOSTED-EXCHANGE: 600 units asked, 500 available", clock.instant()));

        broker.publish(CustomerChannels.EVENTS, codec.encode(failed));

        await().atMost(DELIVERY).until(() -> store.delivery(WebhookDelivery.idOf(failed.messageId(), failures.id()))
                .map(WebhookDelivery::status).filter(DeliveryStatus.DELIVERED::equals).isPresent());
        JsonNode body = mapper.readTree(receiver.received().getFirst().body());
        assertThat(body.get("type").asString()).isEqualTo("onboarding.failed");
        assertThat(body.get("data").get("failure").get("step").asString()).isEqualTo("ASSIGN_PLANS");
        assertThat(body.get("data").get("failure").get("code").asString()).isEqualTo("INSUFFICIENT_LICENSES");
        assertThat(verifies(failures.secret(), receiver.received().getFirst())).isTrue();
        assertThat(store.countDeliveries(partnerId, completions.id())).isZero();
    }

    @Test
    void holdsASubscriptionStartedDuringItsOnboardingUntilTheOnboardingCompletes() throws Exception {
        Registered endpoint = register(List.of("subscription.started"));
        String customerId = "cus-" + UUID.randomUUID();
        Envelope activated = codec.event(SubscriptionMessages.EVENTS, partnerId, null, new SubscriptionActivated(
                customerId, "sub-" + UUID.randomUUID(), "HOSTED-EXCHANGE", 25, LocalDate.of(2027, 6, 3),
                clock.instant()));
        String deliveryId = WebhookDelivery.idOf(activated.messageId(), endpoint.id());

        // ASSIGN_PLANS comes before the welcome step: nothing here knows the customer, its onboarding may fail.
        broker.publish(SubscriptionChannels.EVENTS, codec.encode(activated));
        await().atMost(DELIVERY).until(() -> store.delivery(deliveryId).isPresent());
        assertThat(store.delivery(deliveryId).orElseThrow().status()).isEqualTo(DeliveryStatus.HELD);
        assertThat(receiver.received()).isEmpty();

        broker.publish(CustomerChannels.EVENTS, codec.encode(codec.event(CustomerMessages.EVENTS, partnerId, null,
                new OnboardingCompleted("onb-" + UUID.randomUUID(), customerId, clock.instant()))));

        await().atMost(DELIVERY).until(() -> store.delivery(deliveryId).map(WebhookDelivery::status)
                .filter(DeliveryStatus.DELIVERED::equals).isPresent());
        assertThat(receiver.received()).singleElement().satisfies(request -> {
            assertThat(mapper.readTree(request.body()).get("type").asString()).isEqualTo("subscription.started");
            assertThat(verifies(endpoint.secret(), request)).isTrue();
        });
    }

    @Test
    void neverSendsWhatARolledBackOnboardingHeld() throws Exception {
        Registered endpoint = register(List.of("subscription.started", "onboarding.failed"));
        String customerId = "cus-" + UUID.randomUUID();
        Envelope activated = codec.event(SubscriptionMessages.EVENTS, partnerId, null, new SubscriptionActivated(
                customerId, "sub-" + UUID.randomUUID(), "HOSTED-EXCHANGE", 25, LocalDate.of(2027, 6, 3),
                clock.instant()));
        String held = WebhookDelivery.idOf(activated.messageId(), endpoint.id());
        broker.publish(SubscriptionChannels.EVENTS, codec.encode(activated));
        await().atMost(DELIVERY).until(() -> store.delivery(held).isPresent());

        Envelope failed = codec.event(CustomerMessages.EVENTS, partnerId, null, new OnboardingFailed(
                "onb-" + UUID.randomUUID(), customerId, "SCHEDULE_WELCOME_EMAIL", "STEP_TIMEOUT", "no answer",
                clock.instant()));
        broker.publish(CustomerChannels.EVENTS, codec.encode(failed));

        await().atMost(DELIVERY).until(() -> store.delivery(WebhookDelivery.idOf(failed.messageId(), endpoint.id()))
                .map(WebhookDelivery::status).filter(DeliveryStatus.DELIVERED::equals).isPresent());
        assertThat(store.delivery(held).orElseThrow().status()).isEqualTo(DeliveryStatus.ABANDONED);
        mvc.perform(post("/api/v1/webhooks/{id}/deliveries/{did}/redeliver", endpoint.id(), held)
                        .with(partner(partnerId)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("DELIVERY_ABANDONED"));
        assertThat(store.delivery(held).orElseThrow().status()).isEqualTo(DeliveryStatus.ABANDONED);
        assertThat(receiver.received()).extracting(r -> mapper.readTree(r.body()).get("type").asString())
                .containsExactly("onboarding.failed");
    }

    @Test
    void showsTheSecretOnlyOnceAndNothingToAnotherPartner() throws Exception {
        Registered endpoint = register(List.of("subscription.started"));

        String read = mvc.perform(get("/api/v1/webhooks/{id}", endpoint.id()).with(partner(partnerId)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.url").value(receiver.url()))
                .andExpect(jsonPath("$.events[0]").value("subscription.started"))
                .andExpect(jsonPath("$.status").value("ENABLED"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(read).doesNotContain(endpoint.secret()).doesNotContain("secret");
        mvc.perform(get("/api/v1/webhooks/{id}", endpoint.id()).with(partner("p-other")))
                .andExpect(status().isNotFound());
        mvc.perform(get("/api/v1/webhooks/{id}/deliveries", endpoint.id()).with(partner("p-other")))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/webhooks/{id}", endpoint.id()).with(partner("p-other")))
                .andExpect(status().isNotFound());
        mvc.perform(delete("/api/v1/webhooks/{id}", endpoint.id()).with(partner(partnerId)))
                .andExpect(status().isNoContent());
        mvc.perform(get("/api/v1/webhooks/{id}", endpoint.id()).with(partner(partnerId)))
                .andExpect(status().isNotFound());
    }

    @Test
    void onlyTheStaffAdminsAndTheApiClientsOfThePartnerManageItsWebhooks() throws Exception {
        Registered endpoint = register(List.of("subscription.started"));
        String body = "{\"url\":\"" + receiver.url() + "\",\"events\":[\"onboarding.completed\"]}";

        mvc.perform(get("/api/v1/webhooks/{id}", endpoint.id()).with(staff(partnerId, "PARTNER_AGENT")))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post("/api/v1/webhooks").with(staff(partnerId, "PARTNER_AGENT"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/webhooks/{id}", endpoint.id()).with(staff(partnerId, "PARTNER_AGENT")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/webhooks/{id}", endpoint.id()).with(staff(partnerId, "PARTNER_ADMIN")))
                .andExpect(status().isOk());
        mvc.perform(post("/api/v1/webhooks").with(staff(partnerId, "PARTNER_ADMIN"))
                        .contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isCreated());
        mvc.perform(get("/api/v1/customers/{id}/notifications", "cus-" + partnerId)
                        .with(staff(partnerId, "PARTNER_AGENT")))
                .andExpect(result -> assertThat(result.getResponse().getStatus())
                        .as("an agent still manages customers").isNotEqualTo(403));
    }

    @Test
    void refusesUnknownEventsAndAMissingUrl() throws Exception {
        mvc.perform(post("/api/v1/webhooks").with(partner(partnerId)).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"events\":[\"onboarding.completed\",\"customer.deleted\"]}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors[?(@.field == 'url')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field == 'events[1]')]").exists());
    }

    @Test
    void announcesTheLatestSuspensionOnceAndNeitherDuplicatesNorOlderEvents() throws Exception {
        Registered endpoint = register(List.of("customer.suspended", "customer.resumed"));
        String customerId = "cus-" + UUID.randomUUID();
        profiles.saveFromWelcome(new CustomerProfile(customerId, partnerId, "admin@testbolag.se", "Bengt Testsson",
                "sv", "Testbolag Göteborg AB", "Nordic IT Partner AB"), clock.instant());
        Instant suspendedAt = clock.instant();
        Envelope suspended = codec.event(CustomerMessages.EVENTS, partnerId, null,
                new CustomerSuspended(customerId, suspendedAt));
        Envelope olderResume = codec.event(CustomerMessages.EVENTS, partnerId, null,
                new CustomerResumed(customerId, suspendedAt.minusSeconds(60)));

        broker.publish(CustomerChannels.EVENTS, codec.encode(suspended));
        await().atMost(DELIVERY).until(() -> store.delivery(WebhookDelivery.idOf(suspended.messageId(), endpoint.id()))
                .isPresent());
        broker.publish(CustomerChannels.EVENTS, codec.encode(suspended));
        broker.publish(CustomerChannels.EVENTS, codec.encode(olderResume));
        Envelope resumed = codec.event(CustomerMessages.EVENTS, partnerId, null,
                new CustomerResumed(customerId, suspendedAt.plusSeconds(60)));
        broker.publish(CustomerChannels.EVENTS, codec.encode(resumed));

        await().atMost(DELIVERY).until(() -> store.delivery(WebhookDelivery.idOf(resumed.messageId(), endpoint.id()))
                .map(WebhookDelivery::status).filter(DeliveryStatus.DELIVERED::equals).isPresent());
        await().atMost(DELIVERY).until(() -> receiver.received().size() >= 2);
        assertThat(store.countDeliveries(partnerId, endpoint.id())).isEqualTo(2);
        assertThat(receiver.received()).extracting(r -> mapper.readTree(r.body()).get("type").asString())
                .containsExactlyInAnyOrder("customer.suspended", "customer.resumed");
        assertThat(store.delivery(WebhookDelivery.idOf(olderResume.messageId(), endpoint.id()))).isEmpty();
    }

    @Test
    void disablesAnEndpointThatFailsForTheWholeRetryWindow() throws Exception {
        receiver.alwaysAnswering(500);
        Registered endpoint = register(List.of("onboarding.completed"));
        double disabledBefore = meters.get("provisio.webhook.endpoints.disabled").gauge().value();
        Envelope completed = codec.event(CustomerMessages.EVENTS, partnerId, null,
                new OnboardingCompleted("onb-" + UUID.randomUUID(), "cus-" + UUID.randomUUID(), clock.instant()));
        broker.publish(CustomerChannels.EVENTS, codec.encode(completed));
        String deliveryId = WebhookDelivery.idOf(completed.messageId(), endpoint.id());

        // Each attempt as the schedule wants it: the clock is moved to the next attempt's time, no further.
        for (int attempt = 1; attempt <= 20; attempt++) {
            int expected = attempt;
            await().atMost(DELIVERY).until(() -> receiver.received().size() == expected);
            await().atMost(DELIVERY).until(() -> store.delivery(deliveryId).map(WebhookDelivery::status)
                    .filter(status -> status != DeliveryStatus.SENDING).isPresent());
            WebhookDelivery failing = store.delivery(deliveryId).orElseThrow();
            if (failing.status() == DeliveryStatus.FAILED) {
                break;
            }
            clock.advance(Duration.between(clock.instant(), failing.nextAttemptAt()));
        }

        assertThat(store.delivery(deliveryId).orElseThrow().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(receiver.received()).hasSize(14);
        mvc.perform(get("/api/v1/webhooks/{id}", endpoint.id()).with(partner(partnerId)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DISABLED"))
                .andExpect(jsonPath("$.disabledReason").exists());
        assertThat(meters.get("provisio.webhook.endpoints.disabled").gauge().value()).isEqualTo(disabledBefore + 1);
        assertThat(meters.get("provisio.webhook.deliveries").tag("outcome", "failed").counter().count())
                .isGreaterThanOrEqualTo(1);

        mvc.perform(post("/api/v1/webhooks/{id}/deliveries/{did}/redeliver", endpoint.id(), deliveryId)
                        .with(partner(partnerId)))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ENDPOINT_DISABLED"));
    }

    /**
     * The README's recipe, written independently of the service's signer: HMAC-SHA256 keyed with the base64 after
     * {@code whsec_}, over {@code id.timestamp.body}, compared with every {@code v1,} signature of the header.
     */
    private static boolean verifies(String secret, WebhookReceiver.Received request) throws Exception {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String content = request.headers().get("webhook-id") + "." + request.headers().get("webhook-timestamp") + "."
                + request.body();
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        for (String signature : request.headers().get("webhook-signature").split(" ")) {
            if (signature.startsWith("v1,") && java.security.MessageDigest.isEqual(
                    signature.substring(3).getBytes(StandardCharsets.US_ASCII),
                    expected.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }

    private Registered register(List<String> events) throws Exception {
        String answer = mvc.perform(post("/api/v1/webhooks").with(partner(partnerId))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(mapper.writeValueAsString(java.util.Map.of("url", receiver.url(), "events", events))))
                .andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        JsonNode created = mapper.readTree(answer);
        return new Registered(created.get("id").asString(), created.get("secret").asString());
    }

    private record Registered(String id, String secret) {
    }

    /** A console token of one of the partner's staff (ADR 024). */
    private static RequestPostProcessor staff(String partnerId, String role) {
        return jwt().jwt(j -> j.claim("partner_id", partnerId).claim("staff_role", role))
                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));
    }

    private static RequestPostProcessor partner(String partnerId) {
        return jwt().jwt(j -> j.claim("partner_id", partnerId))
                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));
    }
}
