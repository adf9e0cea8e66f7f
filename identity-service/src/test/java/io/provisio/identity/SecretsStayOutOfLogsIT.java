package io.provisio.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.provisio.devstack.BrokerProbe;
import io.provisio.identity.contracts.Administrator;
import io.provisio.identity.contracts.CreateAdministrator;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.identity.contracts.SupportContact;
import io.provisio.identity.user.Customers;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.UserStore;
import io.provisio.platform.messaging.Envelope;
import io.provisio.platform.messaging.MessageCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Every secret identity handles, through every path that handles it, with its own and Spring's web and
 * security logging at DEBUG: passwords, activation tokens (REST and saga) and client secrets never reach
 * the log, while the log does show that the work happened.
 */
@IdentityServiceTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutOfLogsIT {

    static final List<String> VERBOSE = List.of("io.provisio", "org.springframework.security", "org.springframework.web");

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    MessageCodec codec;

    @Autowired
    UserStore users;

    @Autowired
    OrganizationStore organizations;

    final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @BeforeEach
    void logEverything() {
        VERBOSE.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
    }

    @AfterEach
    void logAsUsual() {
        VERBOSE.forEach(logger -> logging.setLogLevel(logger, null));
    }

    @Test
    void neitherPasswordsNorTokensNorClientSecretsAppearInTheLogs(CapturedOutput output) throws Exception {
        Customers.Onboarded testbolag = Customers.testbolag(organizations, users, "nordic-it");
        String userPassword = "Kajak+Moln+Sill+Brygga-" + UUID.randomUUID().toString().substring(0, 6);
        String activationPassword = "vinter-kaffe-Tromsø-" + UUID.randomUUID().toString().substring(0, 6);

        assertThat(addUser(testbolag, "karin.lund", userPassword).getResponse().getStatus()).isEqualTo(201);
        String invited = json.readTree(addUser(testbolag, "lars.berg", null).getResponse().getContentAsString())
                .get("id").asString();
        String restToken = Published.messages().await("ScheduleActivationEmail",
                p -> p.get("userId").asString().equals(invited), 1).getFirst()
                .get("payload").get("activationToken").asString();
        assertThat(activate(restToken, activationPassword).getResponse().getStatus()).isEqualTo(200);
        assertThat(activate(restToken, activationPassword).getResponse().getStatus()).isEqualTo(409);
        // The activation page: the token in the URL's query (GET), then in form bodies (check, activate).
        String pageUser = json.readTree(addUser(testbolag, "nils.ek", null).getResponse().getContentAsString())
                .get("id").asString();
        String pageToken = Published.messages().await("ScheduleActivationEmail",
                p -> p.get("userId").asString().equals(pageUser), 1).getFirst()
                .get("payload").get("activationToken").asString();
        String pagePassword = "Brygga+Sill+Kajak-" + UUID.randomUUID().toString().substring(0, 6);
        assertThat(mvc.perform(get("/activate").param("token", pageToken)).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(post("/activate/check").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("token", pageToken).param("password", pagePassword)).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        assertThat(mvc.perform(post("/activate").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("token", pageToken).param("password", pagePassword).param("confirmation", pagePassword))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
        String sagaToken = sagaToken();
        String clientSecret = clientSecret();
        assertThat(mvc.perform(post("/oauth2/token").with(httpBasic(clientId, clientSecret))
                .param("grant_type", "client_credentials")).andReturn().getResponse().getStatus()).isEqualTo(200);

        await("the outbox relayed everything").atMost(Duration.ofSeconds(30)).until(() ->
                output.getAll().contains("activated the account"));
        assertThat(output.getAll())
                .contains("Created administrator", "Created partner")
                .doesNotContain(userPassword, activationPassword, restToken, sagaToken, clientSecret, pageToken,
                        pagePassword);
    }

    private String clientId;

    private String clientSecret() throws Exception {
        clientId = "logscan-" + UUID.randomUUID().toString().substring(0, 8);
        MvcResult created = mvc.perform(post("/api/v1/operator/partners")
                .with(jwt().jwt(j -> j.claim("partner_id", "provisio-operations"))
                        .authorities(new SimpleGrantedAuthority("SCOPE_operator")))
                .contentType("application/json")
                .content(json.writeValueAsString(Map.of("id", clientId, "name", "Log Scan AB", "clientId", clientId))))
                .andReturn();
        return json.readTree(created.getResponse().getContentAsString()).get("client").get("clientSecret").asString();
    }

    /** An invited administrator through the saga; the token comes back in the first reply only. */
    private String sagaToken() {
        String sagaId = UUID.randomUUID().toString();
        try (BrokerProbe probe = BrokerProbe.connect()) {
            String replies = probe.tap("saga-replies");
            Envelope command = codec.command("CreateAdministrator", sagaId, "CREATE_ADMINISTRATOR", "nordic-it",
                    "saga-replies", null, new CreateAdministrator(UUID.randomUUID().toString(), "loggbolag",
                            "Loggbolag AB", List.of("loggbolag.se"), new Administrator("eva.ek", "Eva", "Ek", null,
                            "eva." + sagaId + "@loggbolag.se", null, null, null, null),
                            List.of(new SupportContact("SITE_ADMIN", "Eva Ek", "eva@loggbolag.se", null)), "sv",
                            null));
            probe.publish(IdentityChannels.COMMANDS, codec.encode(command));
            return await().atMost(Duration.ofSeconds(30)).until(() -> {
                Optional<String> body;
                while ((body = probe.receive(replies, Duration.ofMillis(500))).isPresent()) {
                    JsonNode reply = json.readTree(body.get().getBytes(StandardCharsets.UTF_8));
                    if (sagaId.equals(reply.get("sagaId").asString())) {
                        return reply.get("payload").get("activationToken").asString();
                    }
                }
                return null;
            }, java.util.Objects::nonNull);
        }
    }

    private MvcResult addUser(Customers.Onboarded customer, String username, String password) throws Exception {
        Map<String, Object> request = new java.util.HashMap<>(Map.of("username", username, "firstName", "Karin",
                "lastName", "Lund", "email", username + "." + UUID.randomUUID() + "@testbolag.se"));
        request.put("password", password);
        return mvc.perform(post("/api/v1/customers/{id}/users", customer.customerId())
                .with(jwt().jwt(j -> j.claim("partner_id", "nordic-it"))
                        .authorities(new SimpleGrantedAuthority("SCOPE_onboarding")))
                .contentType("application/json").content(json.writeValueAsString(request))).andReturn();
    }

    private MvcResult activate(String token, String password) throws Exception {
        return mvc.perform(post("/api/v1/activation").contentType("application/json")
                .content(json.writeValueAsString(Map.of("token", token, "password", password)))).andReturn();
    }
}
