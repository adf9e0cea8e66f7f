package io.provisio.identity.user.page;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.customer.contracts.Setup;
import io.provisio.devstack.BrokerProbe;
import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.Published;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.Contact;
import io.provisio.identity.user.domain.ContactKind;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserStatus;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.SetupLinkStore;
import io.provisio.identity.user.persistence.UserQueries;
import io.provisio.identity.user.persistence.UserStore;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Delegated setup in identity-service (ADR 023): OnboardingCompleted with setup on the real broker's
 * {@code customer-events} (twice) issues one setup link, whose token leaves only in ScheduleSetupEmails; the page
 * behind it shows the organization and refuses a submission with every missing piece at once; a complete one sets
 * the administrator's password and sends CompleteSetup and EndSetupEmails, after which the link is spent.
 */
@IdentityServiceTest
class SetupPageIT {

    static final String STRONG = "vinter-kaffe-Tromsø-47";
    static BrokerProbe probe;

    @Autowired
    MockMvc mvc;
    @Autowired
    MessageCodec codec;
    @Autowired
    OrganizationStore organizations;
    @Autowired
    UserStore users;

    @Autowired
    UserQueries queries;
    @Autowired
    SetupLinkStore links;
    @Autowired
    Clock clock;

    @BeforeAll
    static void connect() {
        probe = BrokerProbe.connect();
    }

    @AfterAll
    static void disconnect() {
        probe.close();
    }

    @Test
    void completesSetupOnceThroughTheLinkWithEveryConfirmationAndTheAdministratorsPassword() throws Exception {
        String customerId = UUID.randomUUID().toString();
        String sagaId = UUID.randomUUID().toString();
        String account = "fjord-" + customerId.substring(0, 8);
        organizations.insertIfAbsent(new Organization(customerId, "nordic-it", sagaId, account, "Fjordfisk AS",
                List.of(), "nb", List.of(new Contact(UUID.randomUUID().toString(), ContactKind.SITE_ADMIN,
                "Kari Nordmann", "kari@fjordfisk.no", null)), false, clock.instant()));
        User administrator = User.administrator(UUID.randomUUID().toString(), "nordic-it", customerId, sagaId,
                "ola.nordmann", "Ola", "Nordmann", null, "ola-" + customerId + "@fjordfisk.no", null,
                account + ".provisio.cloud", ActivationToken.issue(clock.instant(), Duration.ofHours(72)).stored(),
                clock.instant());
        users.insert(administrator, List.of());
        Envelope completed = codec.event(CustomerMessages.EVENTS, "nordic-it", null, new OnboardingCompleted(
                sagaId, customerId, clock.instant(), new Setup("CUSTOMER", "it@fjordfisk.no",
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)), List.of("HOSTED-EXCHANGE")));

        probe.publish(CustomerChannels.EVENTS, codec.encode(completed));
        probe.publish(CustomerChannels.EVENTS, codec.encode(completed));

        JsonNode schedule = Published.messages().await("ScheduleSetupEmails",
                p -> customerId.equals(p.get("customerId").asString()), 1).getFirst().get("payload");
        String token = schedule.get("setupToken").asString();
        assertThat(schedule.get("contactEmail").asString()).isEqualTo("it@fjordfisk.no");
        assertThat(schedule.get("language").asString()).isEqualTo("nb");
        assertThat(links.find(customerId).orElseThrow().token().hash()).isEqualTo(ActivationToken.hash(token));

        MvcResult page = mvc.perform(get("/setup").param("token", token).header("Accept-Language", "en")).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.getResponse().getHeader("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(page.getResponse().getContentAsString()).contains("Fjordfisk AS", account + ".provisio.cloud",
                "HOSTED-EXCHANGE", "name=\"password\"");

        MvcResult refused = mvc.perform(post("/setup").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("token", token).param("password", "fjordfisk").param("confirmation", "other")
                .param("confirmServices", "yes")).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        assertThat(refused.getResponse().getContentAsString()).contains("data-missing=\"confirmDetails\"",
                "data-missing=\"confirmSubdomain\"", "data-rule=\"MIN_LENGTH\"", "data-rule=\"CONFIRMATION\"")
                .doesNotContain("data-missing=\"confirmServices\"");
        assertThat(Published.messages().matching("CompleteSetup", p -> customerId.equals(p.get("customerId")
                .asString()))).isEmpty();
        MvcResult check = mvc.perform(post("/setup/check").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("token", token).param("password", STRONG)).andReturn();
        assertThat(check.getResponse().getContentAsString()).contains("\"failed\":[]");

        MvcResult done = mvc.perform(post("/setup").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("token", token).param("password", STRONG).param("confirmation", STRONG)
                .param("confirmDetails", "yes").param("confirmSubdomain", "yes").param("confirmServices", "yes"))
                .andReturn();

        assertThat(done.getResponse().getStatus()).isEqualTo(200);
        assertThat(done.getResponse().getContentAsString()).contains("id=\"setup-done\"");
        assertThat(queries.find(administrator.id()).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
        JsonNode complete = Published.messages().await("CompleteSetup", p -> customerId.equals(p.get("customerId")
                .asString()), 1).getFirst();
        assertThat(complete.get("partnerId").asString()).isEqualTo("nordic-it");
        assertThat(complete.get("payload").get("subdomain").asString()).isEqualTo(account + ".provisio.cloud");
        Published.messages().await("EndSetupEmails", p -> customerId.equals(p.get("customerId").asString()), 1);
        assertThat(mvc.perform(get("/setup").param("token", token)).andReturn().getResponse().getStatus())
                .as("used once").isEqualTo(409);
        assertThat(mvc.perform(get("/setup").param("token", "x".repeat(43))).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(Published.messages().matching("ScheduleSetupEmails", p -> customerId.equals(p.get("customerId")
                .asString()))).as("one link per customer, however often the event comes").hasSize(1);
    }
}
