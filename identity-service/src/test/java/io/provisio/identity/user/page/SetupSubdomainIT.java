package io.provisio.identity.user.page;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.OnboardingCompleted;
import io.provisio.customer.contracts.Setup;
import io.provisio.customer.contracts.SubdomainAnswer;
import io.provisio.customer.contracts.SubdomainAvailability;
import io.provisio.customer.contracts.SubdomainClaimed;
import io.provisio.customer.contracts.SubdomainTaken;
import io.provisio.devstack.BrokerProbe;
import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.Published;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.Contact;
import io.provisio.identity.user.domain.ContactKind;
import io.provisio.identity.user.domain.Organization;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserStatus;
import io.provisio.identity.user.persistence.OrganizationStore;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Choosing another sub-domain on the setup page (ADR 026) over the real broker: identity asks on
 * {@code customer-commands} and waits on {@code setup-replies}, where a stand-in for customer-service answers the
 * questions about this test's customer. A taken name comes back at the field with its suggestions and nothing
 * written; a free one is claimed and named by CompleteSetup; no answer in time is said, and nothing is written.
 */
@IdentityServiceTest
class SetupSubdomainIT {

    static final String STRONG = "vinter-kaffe-Tromsø-47";
    static BrokerProbe probe;
    static ScheduledExecutorService standIn;
    /** Per customer: what the stand-in answers, by the question's type and name. */
    static final Map<String, Map<String, SubdomainAnswer>> ANSWERS = new ConcurrentHashMap<>();
    static final Map<String, Boolean> ANSWERED = new ConcurrentHashMap<>();

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
    Clock clock;

    @BeforeAll
    static void connect() {
        probe = BrokerProbe.connect();
        standIn = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void disconnect() {
        standIn.shutdownNow();
        probe.close();
    }

    @Test
    void refusesATakenSubdomainAtItsFieldWritingNothingThenCompletesWithTheFreeOneItClaimed() throws Exception {
        Arranged setup = arrange();
        String taken = "fjord-tatt-" + setup.suffix;
        String free = "fjord-ledig-" + setup.suffix;
        answer(setup, Questions.CHECK, taken, new SubdomainAvailability(taken, taken + ".provisio.cloud",
                false, List.of(taken + "-2", taken + "-3")));
        answer(setup, Questions.CLAIM, taken, new SubdomainTaken(setup.customerId, taken + ".provisio.cloud",
                List.of(taken + "-2", taken + "-3")));
        answer(setup, Questions.CLAIM, free, new SubdomainClaimed(setup.customerId, free + ".provisio.cloud"));

        assertThat(check(setup.token, taken)).isEqualTo(Map.of("status", "TAKEN", "subdomain",
                taken + ".provisio.cloud", "suggestions", List.of(taken + "-2", taken + "-3")));
        assertThat(check(setup.token, "Fjord_Fisk").get("status")).isEqualTo("INVALID");
        assertThat(check(setup.token, setup.account).get("status")).as("its own, without asking")
                .isEqualTo("AVAILABLE");
        assertThat(check(setup.token + "x", taken).get("status")).isEqualTo("UNKNOWN");

        MvcResult refused = submit(setup.token, taken);
        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        assertThat(refused.getResponse().getContentAsString()).contains("data-subdomain=\"TAKEN\"",
                "data-name=\"" + taken + "-2\"", "value=\"" + taken + "\"");
        assertThat(queries.find(setup.administrator.id()).orElseThrow().status()).as("nothing written")
                .isEqualTo(UserStatus.INVITED);
        assertThat(completions(setup)).isEmpty();

        MvcResult done = submit(setup.token, free);

        assertThat(done.getResponse().getStatus()).isEqualTo(200);
        assertThat(done.getResponse().getContentAsString()).contains(free + ".provisio.cloud");
        assertThat(queries.find(setup.administrator.id()).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);
        JsonNode complete = Published.messages().await("CompleteSetup",
                p -> setup.customerId.equals(p.get("customerId").asString()), 1).getFirst();
        assertThat(complete.get("payload").get("subdomain").asString()).isEqualTo(free + ".provisio.cloud");
        assertThat(Published.messages().matching("ClaimSubdomain",
                p -> setup.customerId.equals(p.get("customerId").asString())))
                .extracting(claim -> claim.get("partnerId").asString()).containsOnly("nordic-it");
    }

    @Test
    void saysTheSubdomainCannotBeCheckedWhenCustomerServiceDoesNotAnswerAndWritesNothing() throws Exception {
        Arranged setup = arrange();
        String chosen = "fjord-stille-" + setup.suffix;

        assertThat(check(setup.token, chosen).get("status")).isEqualTo("UNAVAILABLE");
        MvcResult refused = submit(setup.token, chosen);

        assertThat(refused.getResponse().getStatus()).isEqualTo(503);
        assertThat(refused.getResponse().getContentAsString()).contains("data-subdomain=\"UNAVAILABLE\"");
        assertThat(queries.find(setup.administrator.id()).orElseThrow().status())
                .isEqualTo(UserStatus.INVITED);
        assertThat(completions(setup)).isEmpty();
        // Keeping the sub-domain it holds needs no answer: the page completes.
        assertThat(submit(setup.token, "").getResponse().getStatus()).isEqualTo(200);
    }

    private List<JsonNode> completions(Arranged setup) {
        return Published.messages().matching("CompleteSetup",
                p -> setup.customerId.equals(p.get("customerId").asString()));
    }

    private Map<String, Object> check(String token, String name) throws Exception {
        MvcResult result = mvc.perform(post("/setup/subdomain-check")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("token", token).param("name", name))
                .andReturn();
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = tools.jackson.databind.json.JsonMapper.builder().build()
                .readValue(result.getResponse().getContentAsString(), Map.class);
        answer.values().removeIf(java.util.Objects::isNull);
        return answer;
    }

    private MvcResult submit(String token, String subdomainName) throws Exception {
        return mvc.perform(post("/setup").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("token", token).param("password", STRONG).param("confirmation", STRONG)
                .param("confirmDetails", "yes").param("confirmSubdomain", "yes").param("confirmServices", "yes")
                .param("subdomainName", subdomainName)).andReturn();
    }

    /** The wire names of the two questions, as the stand-in reads them off {@code customer-commands}. */
    private static final class Questions {
        static final String CHECK = "CheckSubdomain";
        static final String CLAIM = "ClaimSubdomain";
    }

    private void answer(Arranged setup, String type, String name, SubdomainAnswer answer) {
        ANSWERS.computeIfAbsent(setup.customerId, c -> new ConcurrentHashMap<>()).put(type + "/" + name, answer);
        if (ANSWERED.putIfAbsent(setup.customerId, true) == null) {
            standIn.scheduleWithFixedDelay(() -> respond(setup.customerId), 0, 50, TimeUnit.MILLISECONDS);
        }
    }

    /** customer-service's part: each question about this customer answered once, to its replyTo. */
    private void respond(String customerId) {
        for (String type : List.of(Questions.CHECK, Questions.CLAIM)) {
            for (JsonNode question : Published.messages().matching(type,
                    p -> customerId.equals(p.get("customerId").asString()))) {
                Envelope command = codec.decode(question.toString().getBytes(StandardCharsets.UTF_8));
                SubdomainAnswer answer = ANSWERS.get(customerId).get(type + "/"
                        + question.get("payload").get("name").asString());
                // Only to the channel identity named: a question without it stays unanswered and the test fails.
                if (answer != null && IdentityChannels.SETUP_REPLIES.equals(command.replyTo())
                        && ANSWERED.putIfAbsent(command.messageId(), true) == null) {
                    probe.publish(command.replyTo(), codec.encode(codec.reply(command,
                            CustomerMessages.SUBDOMAIN_ANSWERS, answer)));
                }
            }
        }
    }

    private record Arranged(String customerId, String account, String suffix, String token, User administrator) {
    }

    /** A completed onboarding with delegated setup, its link issued through customer-events as in production. */
    private Arranged arrange() {
        String customerId = UUID.randomUUID().toString();
        String suffix = customerId.substring(0, 8);
        String sagaId = UUID.randomUUID().toString();
        String account = "fjord-" + suffix;
        organizations.insertIfAbsent(new Organization(customerId, "nordic-it", sagaId, account, "Fjordfisk AS",
                List.of(), "nb", List.of(new Contact(UUID.randomUUID().toString(), ContactKind.SITE_ADMIN,
                "Kari Nordmann", "kari@fjordfisk.no", null)), false, clock.instant()));
        User administrator = User.administrator(UUID.randomUUID().toString(), "nordic-it", customerId, sagaId,
                "ola.nordmann", "Ola", "Nordmann", null, "ola-" + customerId + "@fjordfisk.no", null,
                account + ".provisio.cloud", ActivationToken.issue(clock.instant(), Duration.ofHours(72)).stored(),
                clock.instant());
        users.insert(administrator, List.of());
        probe.publish(CustomerChannels.EVENTS, codec.encode(codec.event(CustomerMessages.EVENTS, "nordic-it", null,
                new OnboardingCompleted(sagaId, customerId, clock.instant(), new Setup("CUSTOMER", "it@fjordfisk.no",
                        LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)), List.of("HOSTED-EXCHANGE")))));
        String token = Published.messages().await("ScheduleSetupEmails",
                        p -> customerId.equals(p.get("customerId").asString()), 1).getFirst().get("payload")
                .get("setupToken").asString();
        return new Arranged(customerId, account, suffix, token, administrator);
    }
}
