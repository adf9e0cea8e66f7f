package io.provisio.customer.onboarding.web;

import io.provisio.customer.LeaveNoQueues;
import java.time.Duration;
import java.util.List;

import io.provisio.customer.contracts.CompleteSetup;
import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.customer.contracts.RecordSetupEscalation;
import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.platform.messaging.MessageCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * customer-service on its own against the real broker: an onboarding starts, its first command
 * leaves through the outbox, the customer participant registers the customer, and the saga moves
 * on to CREATE_ADMINISTRATOR (whose owner is not running here).
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ExtendWith(LeaveNoQueues.class)
class OnboardingApiIT {

    /** A valid onboarding request for account name (and domain) {@code %1$s}; also OperatorOnboardingIT's. */
    static final String REQUEST = """
            {"customer": {"accountName": "%1$s", "companyName": "Testbolag Göteborg AB",
              "address": {"city": "Göteborg", "region": "Västra Götaland", "country": "SE"}, "locale": "sv-SE",
              "domains": ["%1$s.se"]},
             "administrator": {"username": "bengt.testsson", "firstName": "Bengt", "lastName": "Testsson",
              "email": "bengt.testsson@testbolag.se"},
             "contacts": [{"kind": "SITE_ADMIN", "name": "Åsa Öberg", "email": "asa.oberg@testbolag.se"}],
             "plans": [], "welcomeEmail": {"language": "sv"}}""";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    MessageCodec codec;


    @Test
    void startsAnOnboardingAndRegistersTheCustomerOverTheBroker() throws Exception {
        MvcResult accepted = mvc.perform(post("/api/v1/onboardings").with(partner("nordic-it"))
                .contentType(MediaType.APPLICATION_JSON).content(REQUEST.formatted("testbolag"))).andReturn();

        assertThat(accepted.getResponse().getStatus()).isEqualTo(202);
        String location = accepted.getResponse().getHeader("Location");
        JsonNode onboarding = await().atMost(Duration.ofSeconds(20)).until(() -> read(location, "nordic-it"),
                o -> "RUNNING".equals(o.get("steps").get(1).get("status").asString()));
        assertThat(onboarding.get("steps").get(0).get("status").asString()).isEqualTo("SUCCEEDED");

        JsonNode customer = read("/api/v1/customers/" + onboarding.get("customerId").asString(), "nordic-it");
        assertThat(customer.get("status").asString()).isEqualTo("PROVISIONING");
        assertThat(customer.get("companyName").asString()).isEqualTo("Testbolag Göteborg AB");
        assertThat(customer.get("businessType").asString()).isEqualTo("OTHER");
    }

    @Test
    void showsTheCustomerWaitingForTheSetupItsOnboardingDelegates() throws Exception {
        String name = "setup-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String request = REQUEST.formatted(name).replace("\"plans\": []", """
                "setup": {"by": "DELEGATE", "contactEmail": "it@testbolag.se", "startDate": "2099-01-01"},
                "plans": []""".replace("2099-01-01", java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusDays(3)
                .toString()));
        String location = start(request, "nordic-it", null).getResponse().getHeader("Location");
        JsonNode onboarding = await().atMost(Duration.ofSeconds(20)).until(() -> read(location, "nordic-it"),
                o -> "SUCCEEDED".equals(o.get("steps").get(0).get("status").asString()));

        JsonNode setup = read("/api/v1/customers/" + onboarding.get("customerId").asString(), "nordic-it")
                .get("setup");

        assertThat(setup.get("status").asString()).isEqualTo("SETUP_PENDING");
        assertThat(setup.get("by").asString()).isEqualTo("DELEGATE");
        assertThat(setup.get("contactEmail").asString()).isEqualTo("it@testbolag.se");
        assertThat(setup.get("escalatedAt").isNull()).isTrue();
        assertThat(setup.get("completedAt").isNull()).isTrue();

        // What notification-service and identity-service then report, over the broker, each twice.
        String customer = "/api/v1/customers/" + onboarding.get("customerId").asString();
        java.time.Instant escalatedAt = java.time.Instant.parse("2026-12-08T00:00:00Z");
        java.time.Instant completedAt = java.time.Instant.parse("2026-12-08T09:30:00Z");
        try (BrokerProbe broker = BrokerProbe.connect()) {
            for (Object command : java.util.List.of(new RecordSetupEscalation(onboarding.get("customerId").asString(),
                            escalatedAt, false), new RecordSetupEscalation(onboarding.get("customerId").asString(),
                            escalatedAt.plusSeconds(172_800), false),
                    new CompleteSetup(onboarding.get("customerId").asString(), completedAt, name + ".provisio.cloud"))) {
                broker.publish(CustomerChannels.COMMANDS, codec.encode(codec.command(CustomerMessages.COMMANDS, null,
                        null, "nordic-it", null, null, (io.provisio.customer.contracts.CustomerCommand) command)));
            }
            // Another partner's word about this customer changes nothing.
            broker.publish(CustomerChannels.COMMANDS, codec.encode(codec.command(CustomerMessages.COMMANDS, null,
                    null, "alpina-it", null, null, new CompleteSetup(onboarding.get("customerId").asString(),
                            completedAt.plusSeconds(1), "x.provisio.cloud"))));
        }
        JsonNode done = await().atMost(Duration.ofSeconds(20)).until(() -> read(customer, "nordic-it").get("setup"),
                s -> "SETUP_DONE".equals(s.get("status").asString()));
        assertThat(done.get("escalatedAt").asString()).isEqualTo("2026-12-08T00:00:00Z");
        assertThat(done.get("completedAt").asString()).isEqualTo("2026-12-08T09:30:00Z");
        assertThat(done.get("subdomain").asString()).isEqualTo(name + ".provisio.cloud");
    }

    @Test
    void refusesASetupWithoutItsContactAndAStartInThePastNamingBoth() throws Exception {
        String request = REQUEST.formatted("setup-refused").replace("\"plans\": []",
                "\"setup\": {\"by\": \"CUSTOMER\", \"startDate\": \"2020-01-01\"}, \"plans\": []");

        MvcResult refused = start(request, "nordic-it", null);

        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(json.readTree(refused.getResponse().getContentAsString()).get("errors").findValuesAsString("field"))
                .containsExactly("setup.contactEmail", "setup.startDate");
        assertThat(read("/api/v1/onboardings?size=200", "nordic-it").get("items").findValuesAsString("accountName"))
                .doesNotContain("setup-refused");
    }

    @Test
    void refusesASecondOnboardingForALiveAccountNameAndAnotherPartnersOnceItsSubdomainIsClaimed() throws Exception {
        String name = "ferramenta-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String request = REQUEST.formatted(name);
        String location = start(request, "nordic-it", null).getResponse().getHeader("Location");

        MvcResult taken = mvc.perform(post("/api/v1/onboardings").with(partner("nordic-it"))
                .contentType(MediaType.APPLICATION_JSON).content(request)).andReturn();
        assertThat(taken.getResponse().getStatus()).isEqualTo(409);
        assertThat(json.readTree(taken.getResponse().getContentAsString()).get("code").asString())
                .isEqualTo("ACCOUNT_NAME_TAKEN");

        // REGISTER_CUSTOMER claimed <name>.provisio.cloud: one organization's across the platform (ADR 012).
        await().atMost(Duration.ofSeconds(20)).until(() -> read(location, "nordic-it"),
                o -> "SUCCEEDED".equals(o.get("steps").get(0).get("status").asString()));
        MvcResult otherPartner = mvc.perform(post("/api/v1/onboardings").with(partner("alpina-it"))
                .contentType(MediaType.APPLICATION_JSON).content(request.replace(name + ".se", name + ".it")))
                .andReturn();

        assertThat(otherPartner.getResponse().getStatus()).isEqualTo(409);
        assertThat(otherPartner.getResponse().getContentType()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(otherPartner.getResponse().getContentAsString());
        assertThat(problem.get("code").asString()).isEqualTo("SUBDOMAIN_TAKEN");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("customer.accountName");
        assertThat(problem.toString()).contains(name + ".provisio.cloud").doesNotContain("nordic-it");
    }

    @Test
    void refusesADomainThatAnotherPartnersCustomerHoldsBeforeTheSagaStarts() throws Exception {
        String holder = "domain-holder-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String location = start(REQUEST.formatted(holder), "nordic-it", null).getResponse().getHeader("Location");
        await().atMost(Duration.ofSeconds(20)).until(() -> read(location, "nordic-it"),
                o -> "SUCCEEDED".equals(o.get("steps").get(0).get("status").asString()));
        String request = REQUEST.formatted("another-" + holder).replace("\"another-" + holder + ".se\"",
                "\"another-" + holder + ".se\", \"" + holder + ".se\"");

        MvcResult taken = start(request, "alpina-it", null);

        assertThat(taken.getResponse().getStatus()).isEqualTo(409);
        assertThat(taken.getResponse().getContentType()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(taken.getResponse().getContentAsString());
        assertThat(problem.get("code").asString()).isEqualTo("DOMAIN_TAKEN");
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("customer.domains[1]");
        assertThat(taken.getResponse().getContentAsString()).doesNotContain("nordic-it");
        assertThat(read("/api/v1/onboardings?size=200", "alpina-it").get("items").findValuesAsString("accountName"))
                .doesNotContain("another-" + holder);
    }

    @Test
    void answersAnotherPartnersOnboardingAsMissing() throws Exception {
        String location = mvc.perform(post("/api/v1/onboardings").with(partner("nordic-it"))
                        .contentType(MediaType.APPLICATION_JSON).content(REQUEST.formatted("mueller-soehne")))
                .andReturn().getResponse().getHeader("Location");

        MvcResult foreign = mvc.perform(get(location).with(partner("alpina-it"))).andReturn();

        assertThat(foreign.getResponse().getStatus()).isEqualTo(404);
        assertThat(foreign.getResponse().getContentType()).startsWith("application/problem+json");
    }

    @Test
    void reportsUnknownFieldsAndMalformedJsonAsBadRequests() throws Exception {
        MvcResult unknown = mvc.perform(post("/api/v1/onboardings").with(partner("nordic-it"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"customer\": {\"colour\": \"blue\"}}")).andReturn();
        MvcResult malformed = mvc.perform(post("/api/v1/onboardings").with(partner("nordic-it"))
                .contentType(MediaType.APPLICATION_JSON).content("{\"customer\": ")).andReturn();

        assertThat(unknown.getResponse().getStatus()).isEqualTo(400);
        assertThat(unknown.getResponse().getContentAsString()).contains("customer.colour");
        assertThat(malformed.getResponse().getStatus()).isEqualTo(400);
        assertThat(json.readTree(malformed.getResponse().getContentAsString()).get("code").asString())
                .isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void refusesAListOverItsBoundNamingItTogetherWithEveryOtherMistake() throws Exception {
        String contacts = String.join(",", java.util.Collections.nCopies(51,
                "{\"kind\": \"SITE_ADMIN\", \"name\": \"Åsa Öberg\", \"email\": \"asa.oberg@testbolag.se\"}"));
        String request = REQUEST.formatted("liste-lang").replace("\"sv-SE\"", "\"swedish\"")
                .replaceFirst("\"contacts\": \\[[^\\]]*\\]", "\"contacts\": [" + contacts + "]");

        MvcResult invalid = start(request, "nordic-it", null);

        assertThat(invalid.getResponse().getStatus()).isEqualTo(400);
        assertThat(invalid.getResponse().getContentType()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(invalid.getResponse().getContentAsString());
        assertThat(problem.get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactly("contacts", "customer.locale");
    }

    @Test
    void reportsNullListElementsAndAnOverlongPasswordAsFieldErrorsNotServerErrors() throws Exception {
        String request = """
                {"customer": {"accountName": "bakkerij", "companyName": "Bakkerij", "domains": [null],
                  "address": {"city": "Utrecht", "country": "NL"}},
                 "administrator": {"username": "anne", "firstName": "Anne", "lastName": "de Vries",
                  "email": "anne@bakkerij.nl", "password": "%s"},
                 "contacts": [null], "plans": [null]}""".formatted("Lärchenwald-Fähre-".repeat(5));

        MvcResult invalid = mvc.perform(post("/api/v1/onboardings").with(partner("nordic-it"))
                .contentType(MediaType.APPLICATION_JSON).content(request)).andReturn();

        assertThat(invalid.getResponse().getStatus()).isEqualTo(400);
        JsonNode problem = json.readTree(invalid.getResponse().getContentAsString());
        List<String> fields = new java.util.ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).contains("customer.domains[0]", "contacts[0]", "plans[0]", "administrator.password");
        assertThat(invalid.getResponse().getContentAsString()).doesNotContain("Lärchenwald");
    }

    @Test
    void answersAHugePageNumberWithAnEmptyPage() throws Exception {
        JsonNode page = read("/api/v1/onboardings?page=20000000&size=200", "nordic-it");

        assertThat(page.get("items")).isEmpty();
        assertThat(page.get("page").asInt()).isEqualTo(20000000);
    }

    @Test
    void replaysTheSameOnboardingForARepeatedIdempotencyKeyAndRefusesItWithAnotherBody() throws Exception {
        String request = REQUEST.formatted("citta-di-castello");

        MvcResult first = start(request, "nordic-it", "retry-7f3a");
        MvcResult repeat = start(request, "nordic-it", "retry-7f3a");
        MvcResult otherBody = start(REQUEST.formatted("tromso-fiske"), "nordic-it", "retry-7f3a");
        // Domains and platform sub-domains are one organization's across partners: the other partner's customer
        // has its own.
        MvcResult otherPartner = start(REQUEST.formatted("castello-alpina"), "alpina-it", "retry-7f3a");

        assertThat(first.getResponse().getStatus()).isEqualTo(202);
        assertThat(repeat.getResponse().getStatus()).isEqualTo(200);
        assertThat(repeat.getResponse().getHeader("Location")).isEqualTo(first.getResponse().getHeader("Location"));
        assertThat(otherBody.getResponse().getStatus()).isEqualTo(422);
        assertThat(json.readTree(otherBody.getResponse().getContentAsString()).get("code").asString())
                .isEqualTo("IDEMPOTENCY_KEY_REUSED");
        assertThat(otherPartner.getResponse().getStatus()).as("keys are per partner").isEqualTo(202);
    }

    @Test
    void createsOneOnboardingForConcurrentRequestsWithOneIdempotencyKey() throws Exception {
        String request = REQUEST.formatted("bakkerij-de-vries");

        List<MvcResult> results = race(10, i -> start(request, "nordic-it", "one-key-for-ten"));

        assertThat(results).extracting(r -> r.getResponse().getStatus()).containsOnly(200, 202).contains(202);
        assertThat(results).extracting(r -> r.getResponse().getHeader("Location")).containsOnly(
                results.getFirst().getResponse().getHeader("Location"));
        assertThat(onboardingsNamed("bakkerij-de-vries")).isEqualTo(1);
    }

    @Test
    void letsExactlyOneOfTwentyConcurrentOnboardingsHaveTheAccountName() throws Exception {
        String request = REQUEST.formatted("fjallbacka-fisk");

        List<MvcResult> results = race(20, i -> start(request, "nordic-it", null));

        assertThat(results).extracting(r -> r.getResponse().getStatus()).containsOnly(202, 409)
                .filteredOn(status -> status == 202).hasSize(1);
        assertThat(onboardingsNamed("fjallbacka-fisk")).isEqualTo(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "sv | Testbolag Göteborg AB | Västra Götaland | Åsa Öberg",
            "de | Müller & Söhne GmbH | Baden-Württemberg | Jörg Weiß",
            "it | Città di Castello S.r.l. | Umbria | Niccolò Saviò",
            "nl | Café 't Hooischuur B.V. | Fryslân | Anneloes IJsselmeer-Öztürk",
            "nb | Tromsø Fiskeri AS | Troms og Finnmark | Bjørn Ødegård",
            "en | Smith & Sons Ltd | Wales | Siân O'Brien"})
    void roundTripsNamesInEachOfOurLanguagesByteForByte(String language, String company, String region,
                                                         String contact) throws Exception {
        String accountName = "utf8-" + language + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String request = """
                {"customer": {"accountName": "%s", "companyName": "%s",
                  "address": {"city": "%s", "region": "%s", "country": "SE"}},
                 "administrator": {"username": "admin", "firstName": "%s", "lastName": "%s",
                  "email": "admin@example.com"},
                 "contacts": [{"kind": "SITE_ADMIN", "name": "%s", "email": "site@example.com"}],
                 "welcomeEmail": {"language": "%s"}}""".formatted(accountName, company, company, region,
                contact.split(" ")[0], contact.substring(contact.indexOf(' ') + 1), contact, language);

        MvcResult accepted = mvc.perform(post("/api/v1/onboardings").with(partner("nordic-it"))
                .contentType(MediaType.APPLICATION_JSON)
                .content(request.getBytes(java.nio.charset.StandardCharsets.UTF_8))).andReturn();

        assertThat(accepted.getResponse().getStatus()).isEqualTo(202);
        String customerId = json.readTree(accepted.getResponse().getContentAsByteArray()).get("customerId")
                .asString();
        byte[] customer = await().atMost(Duration.ofSeconds(20)).until(() -> mvc.perform(
                        get("/api/v1/customers/" + customerId).with(partner("nordic-it"))).andReturn().getResponse(),
                r -> r.getStatus() == 200).getContentAsByteArray();
        String asSent = new String(customer, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(asSent).contains("\"companyName\":\"" + company + "\"")
                .contains("\"region\":\"" + region + "\"");
        assertThat(customer).containsSubsequence(company.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private MvcResult start(String request, String partnerId, String idempotencyKey) throws Exception {
        var post = post("/api/v1/onboardings").with(partner(partnerId)).contentType(MediaType.APPLICATION_JSON)
                .content(request);
        if (idempotencyKey != null) {
            post.header("Idempotency-Key", idempotencyKey);
        }
        return mvc.perform(post).andReturn();
    }

    /** Runs {@code n} calls at once (released together) and returns their results. */
    private static List<MvcResult> race(int n, Call call) throws Exception {
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(n)) {
            List<java.util.concurrent.Future<MvcResult>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.run(index);
                }));
            }
            go.countDown();
            List<MvcResult> results = new java.util.ArrayList<>();
            for (var future : futures) {
                results.add(future.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            return results;
        }
    }

    private long onboardingsNamed(String accountName) throws Exception {
        JsonNode page = read("/api/v1/onboardings?size=200", "nordic-it");
        long count = 0;
        for (JsonNode onboarding : page.get("items")) {
            if (accountName.equals(onboarding.get("accountName").asString())) {
                count++;
            }
        }
        return count;
    }

    @FunctionalInterface
    private interface Call {
        MvcResult run(int index) throws Exception;
    }

    private JsonNode read(String path, String partnerId) throws Exception {
        return json.readTree(mvc.perform(get(path).with(partner(partnerId))).andReturn().getResponse()
                .getContentAsString());
    }

    static RequestPostProcessor partner(String partnerId) {
        return SecurityMockMvcRequestPostProcessors.jwt().jwt(j -> j.claim("partner_id", partnerId))
                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));
    }
}
