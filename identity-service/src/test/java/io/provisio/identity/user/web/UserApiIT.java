package io.provisio.identity.user.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.Published;
import io.provisio.identity.user.Customers;
import io.provisio.identity.user.domain.ActivationToken;
import io.provisio.identity.user.domain.User;
import io.provisio.identity.user.domain.UserStatus;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.UserQueries;
import io.provisio.identity.user.persistence.UserStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@IdentityServiceTest
class UserApiIT {

    /** Strong by the policy, and not built on Testbolag's or the new user's words. */
    static final String STRONG = "vinter-kaffe-Tromsø-47";

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

    Customers.Onboarded testbolag;

    @BeforeEach
    void customerOfNordicIt() {
        testbolag = Customers.testbolag(organizations, users, "nordic-it");
    }

    @Test
    void listsUsersWithoutPasswordOrHash() throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/customers/{id}/users", testbolag.customerId())
                .with(partner("nordic-it"))).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        String body = result.getResponse().getContentAsString();
        assertThat(body).doesNotContainIgnoringCase("password").doesNotContain("$2a$").doesNotContain("bcrypt");
        JsonNode page = json.readTree(body);
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("page").asInt()).isZero();
        assertThat(page.get("size").asInt()).isEqualTo(20);
        JsonNode user = page.get("items").get(0);
        assertThat(user.propertyNames()).containsExactlyInAnyOrder("id", "upn", "username", "firstName",
                "lastName", "displayName", "email", "role", "status");
        assertThat(user.get("upn").asString()).isEqualTo("bengt.testsson@" + testbolag.domain());
        assertThat(user.get("role").asString()).isEqualTo("ADMINISTRATOR");
        assertThat(user.get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void answersAnotherPartner404AsForACustomerThatDoesNotExist() throws Exception {
        for (String path : List.of("/users", "/contacts")) {
            MvcResult foreign = mvc.perform(get("/api/v1/customers/{id}" + path, testbolag.customerId())
                    .with(partner("alpine-msp"))).andReturn();
            MvcResult absent = mvc.perform(get("/api/v1/customers/{id}" + path, "no-such-customer")
                    .with(partner("alpine-msp"))).andReturn();

            assertThat(foreign.getResponse().getStatus()).isEqualTo(404);
            assertThat(json.readTree(foreign.getResponse().getContentAsString()).get("code").asString())
                    .isEqualTo("NOT_FOUND");
            assertThat(absent.getResponse().getStatus()).isEqualTo(404);
        }
        MvcResult post = mvc.perform(post("/api/v1/customers/{id}/users", testbolag.customerId())
                .with(partner("alpine-msp")).contentType("application/json")
                .content(body(newUser("karin.lund", "karin." + UUID.randomUUID() + "@testbolag.se", STRONG))))
                .andReturn();
        assertThat(post.getResponse().getStatus()).isEqualTo(404);
        assertThat(queries.count("nordic-it", testbolag.customerId())).isEqualTo(1);
    }

    @Test
    void refusesTokenWithoutOnboardingScope() throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/customers/{id}/users", testbolag.customerId())
                .with(jwt().jwt(j -> j.claim("partner_id", "nordic-it"))
                        .authorities(new SimpleGrantedAuthority("SCOPE_catalog")))).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void rejectsPageSizeAbove200() throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/customers/{id}/users", testbolag.customerId()).param("size", "201")
                .with(partner("nordic-it"))).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("code").asString())
                .isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void addsUserWithPasswordAsActiveAndStoresOnlyASlowHash() throws Exception {
        String email = "karin." + UUID.randomUUID() + "@testbolag.se";

        MvcResult result = addUser(newUser("karin.lund", email, STRONG));

        assertThat(result.getResponse().getStatus()).isEqualTo(201);
        String body = result.getResponse().getContentAsString();
        assertThat(body).doesNotContain(STRONG).doesNotContainIgnoringCase("password");
        JsonNode user = json.readTree(body);
        assertThat(result.getResponse().getHeader("Location"))
                .isEqualTo("/api/v1/customers/" + testbolag.customerId() + "/users/" + user.get("id").asString());
        assertThat(user.get("upn").asString()).isEqualTo("karin.lund@" + testbolag.domain());
        assertThat(user.get("displayName").asString()).isEqualTo("Karin Lund");
        assertThat(user.get("role").asString()).isEqualTo("USER");
        assertThat(user.get("status").asString()).isEqualTo("ACTIVE");
        User stored = queries.find(user.get("id").asString()).orElseThrow();
        assertThat(stored.passwordHash()).startsWith("{bcrypt}").doesNotContain(STRONG);
        assertThat(passwords.matches(STRONG, stored.passwordHash())).isTrue();
        assertThat(stored.activation()).isNull();
        assertThat(Published.messages().await("UserCreated",
                p -> p.get("userId").asString().equals(stored.id()), 1)).singleElement()
                .satisfies(event -> {
                    assertThat(event.get("partnerId").asString()).isEqualTo("nordic-it");
                    assertThat(event.get("payload").get("email").asString()).isEqualTo(email);
                    assertThat(event.get("payload").get("role").asString()).isEqualTo("USER");
                });
    }

    @Test
    void addsUserWithoutPasswordAsInvitedAndSendsTheLinkOnlyToTheMailer() throws Exception {
        String email = "karin." + UUID.randomUUID() + "@testbolag.se";
        Map<String, Object> request = newUser("karin.lund", email, null);
        request.put("role", "ADMINISTRATOR");

        MvcResult result = addUser(request);

        assertThat(result.getResponse().getStatus()).isEqualTo(201);
        JsonNode user = json.readTree(result.getResponse().getContentAsString());
        assertThat(user.get("status").asString()).isEqualTo("INVITED");
        assertThat(user.get("role").asString()).isEqualTo("ADMINISTRATOR");
        JsonNode mail = Published.messages().await("ScheduleActivationEmail",
                p -> p.get("userId").asString().equals(user.get("id").asString()), 1).getFirst();
        JsonNode payload = mail.get("payload");
        String token = payload.get("activationToken").asString();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(result.getResponse().getContentAsString()).doesNotContain(token);
        assertThat(payload.get("to").asString()).isEqualTo(email);
        assertThat(payload.get("language").asString()).isEqualTo("sv");
        assertThat(payload.get("partnerName").asString()).isEqualTo("Nordic IT Partner AB");
        assertThat(payload.get("companyName").asString()).isEqualTo("Testbolag AB");
        assertThat(payload.get("upn").asString()).isEqualTo("karin.lund@" + testbolag.domain());
        assertThat(mail.get("sagaId").isNull()).isTrue();
        User stored = queries.find(user.get("id").asString()).orElseThrow();
        assertThat(stored.status()).isEqualTo(UserStatus.INVITED);
        assertThat(stored.passwordHash()).isNull();
        assertThat(stored.activation().hash()).isEqualTo(ActivationToken.hash(token)).doesNotContain(token);
        assertThat(stored.activation().expiresAt())
                .isEqualTo(java.time.Instant.parse(payload.get("expiresAt").asString()));
    }

    @Test
    void rejectsWeakPasswordSayingWhyWithoutEchoingIt() throws Exception {
        String weak = "Testbolag2024!";

        MvcResult result = addUser(newUser("karin.lund", "karin." + UUID.randomUUID() + "@testbolag.se", weak));

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        String body = result.getResponse().getContentAsString();
        assertThat(body).doesNotContain(weak);
        JsonNode problem = json.readTree(body);
        assertThat(problem.get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("field").asString()).isEqualTo("password");
            assertThat(error.get("message").asString()).startsWith("is too easy to guess");
        });
        assertThat(queries.count("nordic-it", testbolag.customerId())).isEqualTo(1);
    }

    @Test
    void reportsEveryInvalidFieldAtOnceAndWritesNothing() throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("username", "Karin Lund");
        request.put("email", "not-an-address");
        request.put("password", "short");
        request.put("role", "OWNER");

        MvcResult result = addUser(request);

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        JsonNode problem = json.readTree(result.getResponse().getContentAsString());
        assertThat(problem.get("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(problem.get("errors").findValuesAsString("field")).containsExactlyInAnyOrder("username",
                "firstName", "lastName", "email", "role", "password");
        assertThat(queries.count("nordic-it", testbolag.customerId())).isEqualTo(1);
    }

    @Test
    void refusesAPersonWhoBelongsToAnotherPartnersOrganization() throws Exception {
        Customers.Onboarded alpine = Customers.testbolag(organizations, users, "alpine-msp");

        MvcResult result = addUser(newUser("bengt.second", alpine.email().toUpperCase(), STRONG));

        assertThat(result.getResponse().getStatus()).isEqualTo(409);
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("code").asString())
                .isEqualTo("ADMIN_EMAIL_IN_USE");
        assertThat(queries.count("nordic-it", testbolag.customerId())).isEqualTo(1);
    }

    @Test
    void refusesAUsernameTakenInTheCustomer() throws Exception {
        MvcResult result = addUser(newUser("bengt.testsson", "other." + UUID.randomUUID() + "@testbolag.se", STRONG));

        assertThat(result.getResponse().getStatus()).isEqualTo(409);
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("code").asString())
                .isEqualTo("USERNAME_TAKEN");
    }

    @Test
    void refusesASignInNameThatAUserOfAnotherPartnersCustomerHolds() throws Exception {
        String account = "collide-" + UUID.randomUUID().toString().substring(0, 8);
        Customers.Onboarded alpine = Customers.withoutDomains(organizations, users, "alpine-msp", account, "admin");
        Customers.Onboarded nordic = Customers.withoutDomains(organizations, users, "nordic-it", account, "owner");

        MvcResult result = mvc.perform(post("/api/v1/customers/{id}/users", nordic.customerId())
                .with(partner("nordic-it")).contentType("application/json")
                .content(body(newUser("admin", "ada." + UUID.randomUUID() + "@collide.se", STRONG)))).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(409);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(result.getResponse().getContentAsString());
        assertThat(problem.get("code").asString()).isEqualTo("USERNAME_TAKEN");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("username");
        assertThat(result.getResponse().getContentAsString()).doesNotContain(alpine.customerId(), "alpine");
        assertThat(queries.count("nordic-it", nordic.customerId())).isEqualTo(1);
    }

    private MvcResult addUser(Map<String, Object> request) throws Exception {
        return mvc.perform(post("/api/v1/customers/{id}/users", testbolag.customerId()).with(partner("nordic-it"))
                .contentType("application/json").content(body(request))).andReturn();
    }

    private String body(Map<String, Object> request) {
        return json.writeValueAsString(request);
    }

    static Map<String, Object> newUser(String username, String email, String password) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("username", username);
        request.put("firstName", "Karin");
        request.put("lastName", "Lund");
        request.put("email", email);
        request.put("password", password);
        return request;
    }

    static RequestPostProcessor partner(String partnerId) {
        return jwt().jwt(j -> j.claim("partner_id", partnerId))
                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));
    }
}
