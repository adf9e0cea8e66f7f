package io.provisio.identity.user.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerResumed;
import io.provisio.customer.contracts.CustomerSuspended;
import io.provisio.devstack.BrokerProbe;
import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.Published;
import io.provisio.identity.user.Customers;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserStatus;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.UserQueries;
import io.provisio.identity.user.persistence.UserStore;
import io.provisio.platform.messaging.MessageCodec;
import io.provisio.platform.time.AdjustableClock;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

import static io.provisio.identity.user.web.UserApiIT.STRONG;
import static io.provisio.identity.user.web.UserApiIT.newUser;
import static io.provisio.identity.user.web.UserApiIT.partner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * CustomerSuspended / CustomerResumed published on the real broker's {@code customer-events}, as customer-service
 * does, and what a suspended customer's users can and cannot do. An event that must change nothing is followed
 * by a suspension of a second ("sentinel") customer: the one consumer takes the queue in order, so once the
 * sentinel is marked, the event before it was handled.
 */
@IdentityServiceTest
class CustomerSuspensionIT {

    static BrokerProbe probe;

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    MessageCodec codec;

    @Autowired
    UserStore users;

    @Autowired
    UserQueries queries;

    @Autowired
    OrganizationStore organizations;

    @Autowired
    Clock clock;

    Customers.Onboarded testbolag;
    String userId;

    @BeforeAll
    static void connect() {
        probe = BrokerProbe.connect();
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    @BeforeEach
    void invitedUserOfTestbolag() throws Exception {
        testbolag = Customers.testbolag(organizations, users, "nordic-it");
        MvcResult added = addUser("karin.lund", "karin." + UUID.randomUUID() + "@testbolag.se");
        assertThat(added.getResponse().getStatus()).isEqualTo(201);
        userId = json.readTree(added.getResponse().getContentAsString()).get("id").asString();
    }

    @Test
    void refusesActivationWhileSuspendedAndAcceptsTheSameLinkAfterResume() throws Exception {
        String token = link();
        Instant suspendedAt = clock.instant();

        suspend("nordic-it", testbolag.customerId(), suspendedAt);
        awaitSuspended(testbolag.customerId(), true);

        assertProblem(activate(token), 409, "CUSTOMER_SUSPENDED");
        User user = queries.find(userId).orElseThrow();
        assertThat(user.status()).isEqualTo(UserStatus.INVITED);
        assertThat(user.activation()).isNotNull();
        assertProblem(mvc.perform(post("/api/v1/customers/{id}/users/{uid}/activation", testbolag.customerId(),
                userId).with(partner("nordic-it"))).andReturn(), 409, "CUSTOMER_SUSPENDED");
        assertProblem(addUser("olle.berg", "olle." + UUID.randomUUID() + "@testbolag.se"), 409,
                "CUSTOMER_SUSPENDED");
        assertThat(mvc.perform(get("/api/v1/customers/{id}/users", testbolag.customerId())
                .with(partner("nordic-it"))).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(mvc.perform(get("/api/v1/customers/{id}/contacts", testbolag.customerId())
                .with(partner("nordic-it"))).andReturn().getResponse().getStatus()).isEqualTo(200);

        resume("nordic-it", testbolag.customerId(), suspendedAt.plusSeconds(60));
        awaitSuspended(testbolag.customerId(), false);

        MvcResult activated = activate(token);
        assertThat(activated.getResponse().getStatus()).as(activated.getResponse().getContentAsString())
                .isEqualTo(200);
        assertThat(queries.find(userId).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
    }

    @Test
    void ignoresAResumeOlderThanTheSuspensionThatArrivesAfterIt() throws Exception {
        String token = link();
        Instant suspendedAt = clock.instant();
        suspend("nordic-it", testbolag.customerId(), suspendedAt);
        awaitSuspended(testbolag.customerId(), true);

        resume("nordic-it", testbolag.customerId(), suspendedAt.minusSeconds(3600));
        awaitSentinel();

        assertThat(organizations.isSuspended(testbolag.customerId())).isTrue();
        assertProblem(activate(token), 409, "CUSTOMER_SUSPENDED");

        resume("nordic-it", testbolag.customerId(), suspendedAt.plusSeconds(1));
        awaitSuspended(testbolag.customerId(), false);
        assertThat(activate(token).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void ignoresAnotherPartnersSuspensionOfTheCustomer() throws Exception {
        String token = link();

        suspend("alpine-msp", testbolag.customerId(), clock.instant());
        awaitSentinel();

        assertThat(organizations.isSuspended(testbolag.customerId())).isFalse();
        assertThat(activate(token).getResponse().getStatus()).isEqualTo(200);
    }

    /**
     * Three INVITED users: Karin's link expired before the suspension, Olle's during it, Per's outlives it. The
     * resume re-issues Olle's alone, once: a redelivered resume, and an older resume and suspension arriving
     * late, re-issue nothing more.
     */
    @Test
    void reissuesOnlyTheLinkThatExpiredDuringTheSuspensionOnceOnResume() throws Exception {
        AdjustableClock time = (AdjustableClock) clock;
        time.advance(Duration.ofHours(73));
        String olle = addedUser("olle.berg");
        time.advance(Duration.ofHours(48));
        String per = addedUser("per.holm");
        String olleToken = links(olle, 1).getFirst();
        Instant suspendedAt = clock.instant();
        suspend("nordic-it", testbolag.customerId(), suspendedAt);
        awaitSuspended(testbolag.customerId(), true);
        Instant resumedAt = time.advance(Duration.ofHours(25));

        probe.publish(CustomerChannels.EVENTS, codec.encode(codec.event("CustomerResumed", "nordic-it", null,
                new CustomerResumed(testbolag.customerId(), resumedAt))));

        String fresh = links(olle, 2).getLast();
        User reissued = queries.find(olle).orElseThrow();
        assertThat(reissued.activation().expiresAt()).isAfter(resumedAt.plus(Duration.ofHours(71)));

        var again = codec.event("CustomerResumed", "nordic-it", null,
                new CustomerResumed(testbolag.customerId(), resumedAt));
        probe.publish(CustomerChannels.EVENTS, codec.encode(again));
        probe.publish(CustomerChannels.EVENTS, codec.encode(again));
        resume("nordic-it", testbolag.customerId(), suspendedAt.plusSeconds(1));
        suspend("nordic-it", testbolag.customerId(), suspendedAt.minusSeconds(1));
        awaitSentinel();

        assertThat(queries.find(olle).orElseThrow().activation()).as("re-issued once").isEqualTo(reissued.activation());
        assertThat(Published.messages().matching("ScheduleActivationEmail", p -> p.get("userId").asString()
                .equals(olle))).hasSize(2);
        assertThat(Published.messages().matching("ScheduleActivationEmail", p -> p.get("userId").asString()
                .equals(userId))).as("dead before the suspension: the partner's to resend").hasSize(1);
        assertThat(Published.messages().matching("ScheduleActivationEmail", p -> p.get("userId").asString()
                .equals(per))).as("still alive after the resume").hasSize(1);
        assertThat(organizations.isSuspended(testbolag.customerId())).isFalse();
        assertProblem(activate(olleToken), 400, "ACTIVATION_TOKEN_INVALID");
        MvcResult activated = activate(fresh);
        assertThat(activated.getResponse().getStatus()).as(activated.getResponse().getContentAsString())
                .isEqualTo(200);
    }

    private String addedUser(String username) throws Exception {
        MvcResult added = addUser(username, username + "." + UUID.randomUUID() + "@testbolag.se");
        assertThat(added.getResponse().getStatus()).isEqualTo(201);
        return json.readTree(added.getResponse().getContentAsString()).get("id").asString();
    }

    private void suspend(String partnerId, String customerId, Instant at) {
        probe.publish(CustomerChannels.EVENTS, codec.encode(codec.event("CustomerSuspended", partnerId, null,
                new CustomerSuspended(customerId, at))));
    }

    private void resume(String partnerId, String customerId, Instant at) {
        probe.publish(CustomerChannels.EVENTS, codec.encode(codec.event("CustomerResumed", partnerId, null,
                new CustomerResumed(customerId, at))));
    }

    private void awaitSuspended(String customerId, boolean suspended) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> organizations.isSuspended(customerId) == suspended);
    }

    /** Sends a suspension of a fresh customer and waits for it: everything published before it was handled. */
    private void awaitSentinel() {
        String sentinel = Customers.testbolag(organizations, users, "nordic-it").customerId();
        suspend("nordic-it", sentinel, clock.instant());
        awaitSuspended(sentinel, true);
    }

    private MvcResult addUser(String username, String email) throws Exception {
        return mvc.perform(post("/api/v1/customers/{id}/users", testbolag.customerId())
                .with(partner("nordic-it")).contentType("application/json")
                .content(json.writeValueAsString(newUser(username, email, null)))).andReturn();
    }

    /** The token of the activation e-mail asked for this user, as the mailer got it. */
    private String link() {
        return links(userId, 1).getFirst();
    }

    /** The tokens of the first {@code count} activation e-mails asked for the user, oldest first. */
    private static List<String> links(String user, int count) {
        return Published.messages().await("ScheduleActivationEmail", p -> p.get("userId").asString().equals(user),
                count).stream().map(e -> e.get("payload").get("activationToken").asString()).toList();
    }

    private MvcResult activate(String token) throws Exception {
        return mvc.perform(post("/api/v1/activation").contentType("application/json")
                .content(json.writeValueAsString(Map.of("token", token, "password", STRONG)))).andReturn();
    }

    private void assertProblem(MvcResult result, int status, String code) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("code").asString()).isEqualTo(code);
    }
}
