package io.provisio.customer.customers.web;

import io.provisio.customer.LeaveNoQueues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.provisio.customer.contracts.Address;
import io.provisio.customer.contracts.CustomerProfile;
import io.provisio.customer.customers.application.CustomerAccounts;
import io.provisio.customer.customers.domain.Customer;
import io.provisio.customer.customers.store.CustomerStore;
import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestInfrastructureInitializer;
import io.provisio.platform.apidocs.DocumentedEndpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The customers API and the hierarchy against the real store and broker. Parents are put in place
 * through {@link CustomerStore} (registered and activated, as a completed onboarding leaves them);
 * sub-customers are onboarded through the API, whose REGISTER_CUSTOMER runs over RabbitMQ.
 */
@SpringBootTest
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ExtendWith(LeaveNoQueues.class)
class CustomersApiIT {

    private static final String PARTNER = "nordic-it";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;
    @Autowired
    CustomerStore customers;
    @Autowired
    CustomerAccounts accounts;


    @Test
    void onboardsTheGermanSubTenantUnderItsMasterAndInheritsWhatItLeavesOut() throws Exception {
        String master = activeCustomer(PARTNER, "mueller-soehne-" + suffix(), "Müller & Söhne GmbH", null,
                "de-DE", "MANUFACTURING", "notfall@mueller-soehne.de");
        ObjectNode request = example("onboarding-de-subtenant.json");
        ((ObjectNode) request.get("customer")).put("parentCustomerId", master)
                .put("accountName", "filiale-nord-" + suffix());

        MvcResult accepted = start(request.toString(), PARTNER);

        assertThat(accepted.getResponse().getStatus()).as(accepted.getResponse().getContentAsString())
                .isEqualTo(202);
        String customerId = json.readTree(accepted.getResponse().getContentAsString()).get("customerId").asString();
        JsonNode child = await().atMost(Duration.ofSeconds(20))
                .until(() -> read("/api/v1/customers/" + customerId, PARTNER), c -> c.has("id"));
        assertThat(child.get("parentCustomerId").asString()).isEqualTo(master);
        assertThat(child.get("locale").asString()).isEqualTo("de-DE");
        assertThat(child.get("businessType").asString()).isEqualTo("MANUFACTURING");
        assertThat(child.get("emergencyContactEmail").asString()).isEqualTo("notfall@mueller-soehne.de");
        assertThat(child.get("companyName").asString()).isEqualTo("Müller & Söhne GmbH – Filiale Nord");

        JsonNode children = read("/api/v1/customers?parentId=" + master, PARTNER);
        assertThat(children.get("total").asLong()).isEqualTo(1);
        assertThat(children.get("items").get(0).get("id").asString()).isEqualTo(customerId);
    }

    @Test
    void answersAnotherPartnersParentExactlyLikeAMissingOneAndWritesNothing() throws Exception {
        String foreign = activeCustomer("alpina-it", "alpen-" + suffix(), "Alpen AG", null, "de-AT", null, null);
        String accountName = "filiale-" + suffix();

        MvcResult toForeign = start(subCustomer(accountName, foreign), PARTNER);
        MvcResult toMissing = start(subCustomer(accountName, "cus-" + UUID.randomUUID()), PARTNER);

        assertThat(toForeign.getResponse().getStatus()).isEqualTo(422);
        JsonNode foreignProblem = json.readTree(toForeign.getResponse().getContentAsString());
        JsonNode missingProblem = json.readTree(toMissing.getResponse().getContentAsString());
        assertThat(foreignProblem.get("code").asString()).isEqualTo("PARENT_NOT_FOUND");
        assertThat(foreignProblem.get("errors")).isEqualTo(missingProblem.get("errors"));
        assertThat(toMissing.getResponse().getStatus()).isEqualTo(422);
        assertThat(read("/api/v1/customers?q=" + accountName, PARTNER).get("total").asLong()).isZero();
        assertThat(read("/api/v1/onboardings?size=200", PARTNER).get("items").findValuesAsString("accountName"))
                .doesNotContain(accountName);
    }

    @Test
    void refusesASixthLevelOfTheHierarchy() throws Exception {
        String parent = null;
        List<String> levels = new ArrayList<>();
        for (int depth = 1; depth <= 5; depth++) {
            parent = activeCustomer(PARTNER, "level-" + depth + "-" + suffix(), "Level " + depth, parent, null,
                    null, null);
            levels.add(parent);
        }

        MvcResult sixth = start(subCustomer("level-6-" + suffix(), levels.get(4)), PARTNER);
        MvcResult fifthAgain = start(subCustomer("level-5b-" + suffix(), levels.get(3)), PARTNER);

        assertThat(sixth.getResponse().getStatus()).isEqualTo(422);
        assertThat(json.readTree(sixth.getResponse().getContentAsString()).get("code").asString())
                .isEqualTo("PARENT_NOT_FOUND");
        assertThat(fifthAgain.getResponse().getStatus()).isEqualTo(202);
    }

    @Test
    void findsCustomersByAnyNameIgnoringCaseAndAccents() throws Exception {
        String tag = suffix();
        String fjallbacka = activeCustomer(PARTNER, "fisk-" + tag, "Fjällbacka Fisk " + tag + " AB", null, null,
                null, null);
        String tromso = activeCustomer(PARTNER, "nord-" + tag, "Tromsø Teknikk " + tag + " AS", null, null,
                null, null);
        String citta = activeCustomer(PARTNER, "castello-" + tag, "Città di Castello " + tag, null, null, null,
                null);

        assertThat(ids("/api/v1/customers?q=fjallbacka fisk " + tag)).containsExactly(fjallbacka);
        assertThat(ids("/api/v1/customers?q=TROMSO TEKNIKK " + tag)).containsExactly(tromso);
        assertThat(ids("/api/v1/customers?q=citta di castello " + tag)).containsExactly(citta);
        assertThat(ids("/api/v1/customers?q=" + tag + "&status=ACTIVE&size=200"))
                .containsExactlyInAnyOrder(fjallbacka, tromso, citta);
        assertThat(ids("/api/v1/customers?q=" + tag + "&status=SUSPENDED")).isEmpty();
        assertThat(read("/api/v1/customers?q=" + tag, "alpina-it").get("total").asLong()).isZero();
        assertThat(status(get("/api/v1/customers?status=GONE&size=500"))).isEqualTo(400);
    }

    @Test
    void patchesAsAJsonMergePatchAndReportsEveryMistakeAtOnce() throws Exception {
        String id = activeCustomer(PARTNER, "patch-" + suffix(), "Testbolag AB", null, "sv-SE", "RETAIL", null);

        MvcResult patched = mvc.perform(patch("/api/v1/customers/" + id).with(partner(PARTNER))
                .contentType("application/merge-patch+json")
                .content("""
                        {"companyName": "Testbolag Göteborg AB", "address": {"city": "Mölndal"},
                         "externalCode": null}""")).andReturn();

        assertThat(patched.getResponse().getStatus()).isEqualTo(200);
        JsonNode customer = read("/api/v1/customers/" + id, PARTNER);
        assertThat(customer.get("companyName").asString()).isEqualTo("Testbolag Göteborg AB");
        assertThat(customer.get("address").get("city").asString()).isEqualTo("Mölndal");
        assertThat(customer.get("address").get("country").asString()).isEqualTo("SE");
        assertThat(customer.get("externalCode").isNull()).isTrue();

        MvcResult refused = mvc.perform(patch("/api/v1/customers/" + id).with(partner(PARTNER))
                .contentType("application/merge-patch+json")
                .content("""
                        {"companyName": "", "address": {"country": "Sweden"}, "businessType": "FISHING",
                         "emergencyContactEmail": "nod@localhost"}""")).andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(json.readTree(refused.getResponse().getContentAsString()).get("errors")
                .findValuesAsString("field")).containsExactlyInAnyOrder("address.country", "businessType",
                "companyName", "emergencyContactEmail");
        assertThat(read("/api/v1/customers/" + id, PARTNER).get("companyName").asString())
                .isEqualTo("Testbolag Göteborg AB");

        MvcResult fixedField = mvc.perform(patch("/api/v1/customers/" + id).with(partner(PARTNER))
                .contentType("application/merge-patch+json").content("{\"accountName\": \"other\"}")).andReturn();
        assertThat(fixedField.getResponse().getStatus()).isEqualTo(400);
        assertThat(status(patch("/api/v1/customers/" + id).contentType("application/merge-patch+json")
                .content("{\"companyName\": \"X\"}"), "alpina-it")).isEqualTo(404);
    }

    @Test
    void aPatchThatAnotherWriteOvertookIsMergedAgainOverTheNewerCustomer() throws Exception {
        String id = activeCustomer(PARTNER, "race-" + suffix(), "Testbolag AB", null, "sv-SE", "RETAIL", null);
        String tag = suffix();
        java.util.concurrent.atomic.AtomicInteger rounds = new java.util.concurrent.atomic.AtomicInteger();

        Customer patched = accounts.patch(PARTNER, id, current -> {
            if (rounds.incrementAndGet() == 1) {
                // Another request changes the external code between this one's read and its write.
                accounts.patch(PARTNER, id, other -> patchOf(other, other.companyName(), "EXT-" + tag));
            }
            return patchOf(current, "Kapplöpning " + tag + " AB", current.externalCode());
        });

        assertThat(rounds).as("decided again on the newer customer").hasValue(2);
        assertThat(patched.companyName()).isEqualTo("Kapplöpning " + tag + " AB");
        assertThat(patched.externalCode()).as("the other request's change is kept").isEqualTo("EXT-" + tag);
        assertThat(ids("/api/v1/customers?q=kapplopning " + tag)).as("found by the new name").containsExactly(id);
        assertThat(ids("/api/v1/customers?q=EXT-" + tag)).as("and by the other request's code").containsExactly(id);
    }

    private static Customer.Patch patchOf(Customer c, String companyName, String externalCode) {
        return new Customer.Patch(companyName, externalCode, c.address(), c.businessType(), c.locale(),
                c.emergencyContactEmail());
    }

    @Test
    void suspendsAndResumesWithAnEventEachThatOtherServicesCanReadFromTheBroker() throws Exception {
        String id = activeCustomer(PARTNER, "suspend-" + suffix(), "Testbolag AB", null, null, null, null);
        try (BrokerProbe probe = BrokerProbe.connect()) {
            String events = probe.tap("customer-events");

            assertThat(status(post("/api/v1/customers/" + id + "/suspend"))).isEqualTo(200);
            assertThat(status(post("/api/v1/customers/" + id + "/suspend"))).isEqualTo(200);
            assertThat(read("/api/v1/customers/" + id, PARTNER).get("status").asString()).isEqualTo("SUSPENDED");
            assertThat(status(post("/api/v1/customers/" + id + "/resume"))).isEqualTo(200);

            JsonNode suspended = json.readTree(probe.receive(events, Duration.ofSeconds(10)).orElseThrow());
            JsonNode resumed = json.readTree(probe.receive(events, Duration.ofSeconds(10)).orElseThrow());
            assertThat(suspended.get("type").asString()).isEqualTo("CustomerSuspended");
            assertThat(suspended.get("partnerId").asString()).isEqualTo(PARTNER);
            assertThat(suspended.get("payload").get("customerId").asString()).isEqualTo(id);
            assertThat(resumed.get("type").asString()).isEqualTo("CustomerResumed");
            // The repeated suspend changed nothing and announced nothing.
            assertThat(probe.receive(events, Duration.ofMillis(500))).isEmpty();
        }
        assertThat(read("/api/v1/customers/" + id, PARTNER).get("status").asString()).isEqualTo("ACTIVE");
        assertThat(status(post("/api/v1/customers/" + id + "/suspend"), "alpina-it")).isEqualTo(404);
        String provisioning = "cus-" + UUID.randomUUID();
        customers.register(PARTNER, provisioning, "onb-x", new CustomerProfile("prov-" + suffix(), "Prov AB", null,
                null, new Address(null, "Umeå", null, null, "SE"), null, null, null, null, List.of(), null));
        assertThat(status(post("/api/v1/customers/" + provisioning + "/suspend"))).isEqualTo(409);
    }

    private String activeCustomer(String partnerId, String accountName, String companyName, String parentId,
                                  String locale, String businessType, String emergencyContactEmail) {
        String id = "cus-" + UUID.randomUUID();
        CustomerProfile profile = new CustomerProfile(accountName, companyName, null, parentId,
                new Address("Storgatan 1", "Göteborg", null, "411 03", "SE"), businessType, "STANDARD", "BASIC",
                locale, List.of(), emergencyContactEmail);
        assertThat(customers.register(partnerId, id, "onb-" + id, profile))
                .extracting(CustomerStore.Registration::outcome).isEqualTo(CustomerStore.Outcome.REGISTERED);
        assertThat(customers.activate(partnerId, id)).isTrue();
        return id;
    }

    private String subCustomer(String accountName, String parentId) throws Exception {
        ObjectNode request = example("onboarding-de-subtenant.json");
        ((ObjectNode) request.get("customer")).put("parentCustomerId", parentId).put("accountName", accountName);
        return request.toString();
    }

    private ObjectNode example(String name) throws Exception {
        Path examples = Path.of(System.getProperty("provisio.examples", "../docs/examples"));
        return (ObjectNode) json.readTree(Files.readString(examples.resolve(name)));
    }

    private List<String> ids(String path) throws Exception {
        return read(path, PARTNER).get("items").findValuesAsString("id");
    }

    private MvcResult start(String request, String partnerId) throws Exception {
        return mvc.perform(post("/api/v1/onboardings").with(partner(partnerId))
                .contentType(MediaType.APPLICATION_JSON).content(request)).andReturn();
    }

    private int status(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request)
            throws Exception {
        return status(request, PARTNER);
    }

    private int status(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request,
                       String partnerId) throws Exception {
        return mvc.perform(request.with(partner(partnerId))).andReturn().getResponse().getStatus();
    }

    private JsonNode read(String path, String partnerId) throws Exception {
        return json.readTree(mvc.perform(get(path).with(partner(partnerId))).andReturn().getResponse()
                .getContentAsString());
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static RequestPostProcessor partner(String partnerId) {
        return SecurityMockMvcRequestPostProcessors.jwt().jwt(j -> j.claim("partner_id", partnerId))
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
        // The problem answers by rule, and docs/examples' requests as the onboarding's examples.
        tools.jackson.databind.JsonNode start = json.readTree(document).path("paths").path("/api/v1/onboardings")
                .path("post");
        assertThat(start.path("tags").toString()).isEqualTo("[\"Onboarding\"]");
        assertThat(start.path("responses").propertyNames())
                .contains("400", "401", "403", "409", "413", "422", "429", "503");
        assertThat(start.path("responses").path("422").path("content").path("application/problem+json")
                .path("schema").path("$ref").asString()).isEqualTo("#/components/schemas/Problem");
        assertThat(start.path("requestBody").path("content").path("application/json").path("examples")
                .propertyNames()).containsExactlyInAnyOrder("onboarding-sv-cortex", "onboarding-it-licensing",
                        "onboarding-de-subtenant", "onboarding-nl-invalid");
        assertThat(start.path("requestBody").path("content").path("application/json").path("examples")
                .path("onboarding-sv-cortex").path("value").path("customer").path("address").path("city")
                .asString()).isEqualTo("Göteborg");
        // The statuses the handlers really answer, not springdoc's guess of 200 alone.
        assertThat(start.path("responses").path("202").toString()).contains("Started", "OnboardingView");
        assertThat(start.path("responses").path("200").toString()).contains("OnboardingView", "DryRunView");
        tools.jackson.databind.JsonNode batch = json.readTree(document).path("paths")
                .path("/api/v1/onboarding-batches").path("post");
        assertThat(batch.path("responses").propertyNames()).contains("202", "200");
        assertThat(batch.path("responses").path("202").toString()).contains("BatchView");
    }
}
