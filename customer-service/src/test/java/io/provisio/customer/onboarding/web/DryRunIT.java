package io.provisio.customer.onboarding.web;

import io.provisio.customer.LeaveNoQueues;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.provisio.devstack.BrokerProbe;
import io.provisio.devstack.TestInfrastructureInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The dry run's request/reply over the real broker. The probe stands in for identity and
 * subscription: it reads their validate commands from their exchanges and answers on
 * {@code dry-run-replies} as they do. (The acceptance suite runs the dry run against the real services.)
 */
@SpringBootTest(properties = "provisio.onboarding.dry-run-timeout=2s")
@AutoConfigureMockMvc
@ContextConfiguration(initializers = TestInfrastructureInitializer.class)
@ExtendWith(LeaveNoQueues.class)
class DryRunIT {

    private static final String PARTNER = "nordic-it";

    @Autowired
    MockMvc mvc;
    @Autowired
    JsonMapper json;


    @Test
    void reportsLocalAndParticipantProblemsInOneAnswerAndWritesNothing() throws Exception {
        String accountName = "testbolag-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode request = swedishExample(accountName);
        ((ObjectNode) request.get("customer")).put("locale", "swedish");
        try (BrokerProbe probe = BrokerProbe.connect()) {
            String identity = probe.tap("identity-commands");
            String subscription = probe.tap("subscription-commands");

            CompletableFuture<MvcResult> answer = CompletableFuture.supplyAsync(() -> dryRun(request));
            JsonNode validateAdministrator = next(probe, identity, "ValidateAdministrator");
            JsonNode validatePlans = next(probe, subscription, "ValidatePlans");
            probe.publish("dry-run-replies", reply(validateAdministrator, "administrator.email",
                    "ADMIN_EMAIL_IN_USE", "already belongs to an organization"));
            probe.publish("dry-run-replies", reply(validatePlans, "plans[1].units", "INSUFFICIENT_LICENSES",
                    "HOSTED-EXCHANGE: 10 units asked, 4 available"));
            MvcResult result = answer.get(20, TimeUnit.SECONDS);

            assertThat(validateAdministrator.get("type").asString()).isEqualTo("ValidateAdministrator");
            assertThat(validateAdministrator.get("partnerId").asString()).isEqualTo(PARTNER);
            assertThat(validateAdministrator.get("payload").get("administrator").get("email").asString())
                    .isEqualTo("bengt.testsson@testbolag.se");
            assertThat(validatePlans.get("payload").get("plans")).hasSize(3);
            assertThat(result.getResponse().getStatus()).isEqualTo(200);
            JsonNode report = json.readTree(result.getResponse().getContentAsString());
            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(report.get("complete").asBoolean()).isTrue();
            assertThat(report.get("problems").findValuesAsString("code")).containsExactlyInAnyOrder(
                    "VALIDATION_FAILED", "ADMIN_EMAIL_IN_USE", "INSUFFICIENT_LICENSES");
            assertThat(report.get("problems").findValuesAsString("field")).contains("customer.locale",
                    "administrator.email", "plans[1].units");
        }
        assertNothingWritten(accountName);
    }

    @Test
    void saysWhichParticipantDidNotAnswerInTime() throws Exception {
        String accountName = "testbolag-" + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode request = swedishExample(accountName);
        try (BrokerProbe probe = BrokerProbe.connect()) {
            String identity = probe.tap("identity-commands");
            probe.tap("subscription-commands");

            CompletableFuture<MvcResult> answer = CompletableFuture.supplyAsync(() -> dryRun(request));
            JsonNode validateAdministrator = next(probe, identity, "ValidateAdministrator");
            probe.publish("dry-run-replies", """
                    {"messageId": "%s", "type": "DryRunReport", "causationId": "%s", "partnerId": "%s",
                     "payload": {"findings": []}}""".formatted(UUID.randomUUID(),
                    validateAdministrator.get("messageId").asString(), PARTNER));
            MvcResult result = answer.get(20, TimeUnit.SECONDS);

            JsonNode report = json.readTree(result.getResponse().getContentAsString());
            assertThat(report.get("valid").asBoolean()).isFalse();
            assertThat(report.get("complete").asBoolean()).isFalse();
            assertThat(report.get("problems")).isEmpty();
            assertThat(report.get("participants").findValuesAsString("status")).containsExactly(
                    "ANSWERED", "ANSWERED", "NO_ANSWER");
            assertThat(report.get("participants").findValuesAsString("service")).containsExactly(
                    "customer-service", "identity-service", "subscription-service");
        }
        assertNothingWritten(accountName);
    }

    /** The next message of that type: other onboardings of this JVM may publish saga commands meanwhile. */
    private JsonNode next(BrokerProbe probe, String tap, String type) {
        while (true) {
            JsonNode message = json.readTree(probe.receive(tap, Duration.ofSeconds(10)).orElseThrow(
                    () -> new AssertionError("no " + type + " within 10 s")));
            if (type.equals(message.get("type").asString())) {
                return message;
            }
        }
    }

    private String reply(JsonNode command, String field, String code, String message) {
        return """
                {"messageId": "%s", "type": "DryRunReport", "causationId": "%s", "partnerId": "%s",
                 "payload": {"findings": [{"field": "%s", "code": "%s", "message": "%s"}]}}"""
                .formatted(UUID.randomUUID(), command.get("messageId").asString(), PARTNER, field, code, message);
    }

    private void assertNothingWritten(String accountName) throws Exception {
        assertThat(read("/api/v1/onboardings?size=200").get("items").findValuesAsString("accountName"))
                .doesNotContain(accountName);
        assertThat(read("/api/v1/customers?q=" + accountName).get("total").asLong()).isZero();
    }

    /** The Swedish example with its dates moved to today, under a fresh account name. */
    private ObjectNode swedishExample(String accountName) throws Exception {
        Path examples = Path.of(System.getProperty("provisio.examples", "../docs/examples"));
        ObjectNode request = (ObjectNode) json.readTree(Files.readString(examples.resolve("onboarding-sv-cortex.json")));
        ((ObjectNode) request.get("customer")).put("accountName", accountName);
        for (JsonNode plan : (ArrayNode) request.get("plans")) {
            ((ObjectNode) plan).put("startDate", LocalDate.now().toString());
        }
        request.remove("welcomeEmail");
        return request;
    }

    private MvcResult dryRun(ObjectNode request) {
        try {
            return mvc.perform(post("/api/v1/onboardings?dryRun=true").with(partner())
                    .contentType(MediaType.APPLICATION_JSON).content(request.toString())).andReturn();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String path) throws Exception {
        return json.readTree(mvc.perform(get(path).with(partner())).andReturn().getResponse().getContentAsString());
    }

    private static RequestPostProcessor partner() {
        return SecurityMockMvcRequestPostProcessors.jwt().jwt(j -> j.claim("partner_id", PARTNER))
                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));
    }
}
