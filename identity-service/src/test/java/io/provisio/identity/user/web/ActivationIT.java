package io.provisio.identity.user.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.Published;
import io.provisio.identity.user.Customers;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserStatus;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.UserQueries;
import io.provisio.identity.user.persistence.UserStore;
import io.provisio.platform.time.AdjustableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.provisio.identity.user.web.UserApiIT.STRONG;
import static io.provisio.identity.user.web.UserApiIT.newUser;
import static io.provisio.identity.user.web.UserApiIT.partner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The activation link's life: the token as the mailer received it over the broker, used at the public endpoint. */
@IdentityServiceTest
class ActivationIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    UserStore users;

    @Autowired
    UserQueries queries;

    @Autowired
    OrganizationStore organizations;

    @Autowired
    PasswordEncoder passwords;

    @Autowired
    Clock clock;

    Customers.Onboarded testbolag;
    String userId;
    String email;

    @BeforeEach
    void invitedUserOfTestbolag() throws Exception {
        testbolag = Customers.testbolag(organizations, users, "nordic-it");
        email = "karin." + UUID.randomUUID() + "@testbolag.se";
        MvcResult added = mvc.perform(post("/api/v1/customers/{id}/users", testbolag.customerId())
                .with(partner("nordic-it")).contentType("application/json")
                .content(json.writeValueAsString(newUser("karin.lund", email, null)))).andReturn();
        userId = json.readTree(added.getResponse().getContentAsString()).get("id").asString();
    }

    @Test
    void activatesOnceAndRefusesTheSameLinkAfterwardsAsUsed() throws Exception {
        String token = link(1);

        MvcResult activated = activate(token, STRONG);

        assertThat(activated.getResponse().getStatus()).isEqualTo(200);
        JsonNode answer = json.readTree(activated.getResponse().getContentAsString());
        assertThat(answer.get("upn").asString()).isEqualTo("karin.lund@" + testbolag.domain());
        assertThat(answer.get("status").asString()).isEqualTo("ACTIVE");
        User user = queries.find(userId).orElseThrow();
        assertThat(user.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(user.activation()).isNull();
        assertThat(passwords.matches(STRONG, user.passwordHash())).isTrue();
        for (int again = 0; again < 2; again++) {
            assertProblem(activate(token, "another-Strong-passphrase-93"), 409, "ACTIVATION_TOKEN_USED");
        }
        assertThat(passwords.matches(STRONG, queries.find(userId).orElseThrow().passwordHash())).isTrue();
    }

    @Test
    void refusesAnExpiredLinkAndLeavesTheUserInvited() throws Exception {
        String token = link(1);

        ((AdjustableClock) clock).advance(Duration.ofHours(73));

        assertProblem(activate(token, STRONG), 410, "ACTIVATION_TOKEN_EXPIRED");
        assertThat(queries.find(userId).orElseThrow().status()).isEqualTo(UserStatus.INVITED);
    }

    @Test
    void killsTheOldLinkWhenANewOneIsSent() throws Exception {
        String old = link(1);

        MvcResult resent = mvc.perform(post("/api/v1/customers/{id}/users/{uid}/activation", testbolag.customerId(),
                userId).with(partner("nordic-it"))).andReturn();

        assertThat(resent.getResponse().getStatus()).isEqualTo(202);
        assertThat(resent.getResponse().getContentAsString()).contains("activationExpiresAt");
        String fresh = link(2);
        assertThat(fresh).isNotEqualTo(old);
        assertThat(resent.getResponse().getContentAsString()).doesNotContain(fresh);
        assertProblem(activate(old, STRONG), 400, "ACTIVATION_TOKEN_INVALID");
        assertThat(activate(fresh, STRONG).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void refusesToResendToAnActiveUserOrForAnotherPartner() throws Exception {
        MvcResult foreign = mvc.perform(post("/api/v1/customers/{id}/users/{uid}/activation", testbolag.customerId(),
                userId).with(partner("alpine-msp"))).andReturn();
        assertThat(foreign.getResponse().getStatus()).isEqualTo(404);

        activate(link(1), STRONG);
        MvcResult active = mvc.perform(post("/api/v1/customers/{id}/users/{uid}/activation", testbolag.customerId(),
                userId).with(partner("nordic-it"))).andReturn();

        assertProblem(active, 409, "USER_ALREADY_ACTIVE");
    }

    @Test
    void keepsTheLinkUsableAfterAWeakPassword() throws Exception {
        String token = link(1);

        MvcResult weak = activate(token, "Karin.Lund2024!");

        assertProblem(weak, 400, "VALIDATION_FAILED");
        assertThat(json.readTree(weak.getResponse().getContentAsString()).get("errors").findValuesAsString("field"))
                .containsExactly("password");
        assertThat(weak.getResponse().getContentAsString()).doesNotContain("Karin.Lund2024!");
        assertThat(activate(token, STRONG).getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void refusesUnknownAndMalformedTokensAlikeWithoutNamingAnyone() throws Exception {
        for (String token : List.of("A".repeat(43), "not-a-token")) {
            MvcResult result = activate(token, STRONG);

            assertProblem(result, 400, "ACTIVATION_TOKEN_INVALID");
            assertThat(result.getResponse().getContentAsString()).doesNotContain("@");
        }
    }

    @Test
    void asksForBothFieldsAtOnce() throws Exception {
        MvcResult result = mvc.perform(post("/api/v1/activation").contentType("application/json").content("{}"))
                .andReturn();

        assertProblem(result, 400, "VALIDATION_FAILED");
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("token", "password");
    }

    /** The token of the {@code n}-th activation e-mail asked for this user, as the mailer got it. */
    private String link(int n) {
        return Published.messages().await("ScheduleActivationEmail",
                p -> p.get("userId").asString().equals(userId), n).get(n - 1)
                .get("payload").get("activationToken").asString();
    }

    private MvcResult activate(String token, String password) throws Exception {
        return mvc.perform(post("/api/v1/activation").contentType("application/json")
                .content(json.writeValueAsString(Map.of("token", token, "password", password)))).andReturn();
    }

    private void assertProblem(MvcResult result, int status, String code) throws Exception {
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("code").asString()).isEqualTo(code);
    }
}
