package io.provisio.identity.staff.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.Published;
import io.provisio.identity.staff.domain.StaffMember;
import io.provisio.identity.staff.domain.StaffStatus;
import io.provisio.identity.staff.persistence.StaffStore;
import io.provisio.identity.user.domain.ActivationToken;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Staff management (ADR 029) against the real store and broker: invitations (the e-mail's request with the link's
 * token, stored only as its hash), the invitation page setting the password by the one policy, sign-in afterwards,
 * every invalid field at once, the sign-in name unique across the platform, 404 across partners, the last active
 * admin kept, no disabling oneself, a disabled member refused at sign-in and by their old session, re-sending.
 * Each test works in a partner of its own (created through the operator API), so counts are its own.
 */
@IdentityServiceTest
class StaffApiIT {

    private static final String PASSWORD = "Copper-Meadow-Violin-83";
    private static final String CLIENT = "provisio-console";
    private static final String REDIRECT = "http://localhost:8080/console/";

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    StaffStore staff;

    @Autowired
    MongoTemplate mongo;

    String partnerId;

    @BeforeEach
    void aPartnerOfItsOwn() throws Exception {
        partnerId = "fjord-" + UUID.randomUUID().toString().substring(0, 8);
        MvcResult created = mvc.perform(post("/api/v1/operator/partners").with(operator())
                .contentType("application/json").content(json.writeValueAsString(Map.of("id", partnerId,
                        "name", "Fjord IT AS")))).andReturn();
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
    }

    @Test
    void anInvitationIsAnInvitedMemberAndAnEmailRequestWhoseTokenOnlyTheStoreKnowsAsAHash() throws Exception {
        MvcResult invited = invite(apiClient(partnerId), email("agent"), "Ada Agent", "PARTNER_AGENT", "sv");

        assertThat(invited.getResponse().getStatus()).isEqualTo(201);
        JsonNode body = body(invited);
        String id = body.get("id").asString();
        assertThat(invited.getResponse().getHeader("Location")).isEqualTo("/api/v1/staff/" + id);
        assertThat(body.get("status").asString()).isEqualTo("INVITED");
        assertThat(body.get("role").asString()).isEqualTo("PARTNER_AGENT");
        assertThat(body.get("language").asString()).isEqualTo("sv");
        assertThat(body.get("invitationExpiresAt").isNull()).isFalse();
        assertThat(body.has("passwordHash")).isFalse();

        JsonNode request = invitationRequest(id);
        assertThat(request.get("partnerId").asString()).isEqualTo(partnerId);
        String token = request.get("payload").get("invitationToken").asString();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(request.get("payload").get("to").asString()).isEqualTo(body.get("email").asString());
        assertThat(request.get("payload").get("partnerName").asString()).isEqualTo("Fjord IT AS");
        assertThat(invited.getResponse().getContentAsString()).doesNotContain(token);
        StaffMember stored = staff.find(id).orElseThrow();
        assertThat(stored.passwordHash()).isNull();
        assertThat(stored.invitation().hash()).isEqualTo(ActivationToken.hash(token));
        assertThat(mongo.getCollection(StaffStore.COLLECTION).find(new Document("_id", id)).first().toJson())
                .doesNotContain(token);

        MvcResult read = mvc.perform(get("/api/v1/staff/{id}", id).with(apiClient(partnerId))).andReturn();
        assertThat(body(read).get("email").asString()).isEqualTo(body.get("email").asString());
        MvcResult list = mvc.perform(get("/api/v1/staff").with(apiClient(partnerId))).andReturn();
        assertThat(body(list).get("total").asInt()).isEqualTo(1);
        assertThat(body(list).get("items").get(0).get("id").asString()).isEqualTo(id);
        assertThat(list.getResponse().getContentAsString()).doesNotContain(token);
    }

    @Test
    void anotherPartnersMemberIsNotFoundAndNotInTheList() throws Exception {
        String id = body(invite(apiClient(partnerId), email("agent"), "Ada", "PARTNER_AGENT", null))
                .get("id").asString();

        assertThat(mvc.perform(get("/api/v1/staff/{id}", id).with(apiClient("nordic-it"))).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
        assertThat(patch(apiClient("nordic-it"), id, Map.of("role", "PARTNER_ADMIN")).getResponse().getStatus())
                .isEqualTo(404);
        assertThat(mvc.perform(post("/api/v1/staff/{id}/invitation", id).with(apiClient("nordic-it"))).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get("/api/v1/staff").with(apiClient("nordic-it"))).andReturn().getResponse()
                .getContentAsString()).doesNotContain(id);
        assertThat(staff.find(id).orElseThrow().role().name()).isEqualTo("PARTNER_AGENT");
    }

    @Test
    void everyInvalidFieldIsNamedAtOnceAndNothingIsWritten() throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("email", "not-an-address");
        request.put("role", "BOSS");
        request.put("language", "fr");
        MvcResult refused = mvc.perform(post("/api/v1/staff").with(apiClient(partnerId))
                .contentType("application/json").content(json.writeValueAsString(request))).andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(refused.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat(body(refused).get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("email", "displayName", "role", "language");
        assertThat(staff.count(partnerId)).isZero();

        String id = activeMember("PARTNER_AGENT");
        MvcResult badPatch = patch(apiClient(partnerId), id, Map.of("role", "OWNER", "status", "GONE",
                "email", "x@y.example", "displayName", ""));
        assertThat(badPatch.getResponse().getStatus()).isEqualTo(400);
        assertThat(body(badPatch).get("errors").valueStream().map(e -> e.get("field").asString()).toList())
                .containsExactlyInAnyOrder("role", "status", "email", "displayName");
        assertThat(staff.find(id).orElseThrow().status()).isEqualTo(StaffStatus.ACTIVE);
    }

    @Test
    void aSignInNameIsOnePersonsAcrossThePlatform() throws Exception {
        MvcResult taken = invite(apiClient(partnerId), "  AGENT@nordic-it.example ", "Someone", "PARTNER_AGENT",
                null);

        assertThat(taken.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(taken).get("code").asString()).isEqualTo("STAFF_EMAIL_IN_USE");
        assertThat(staff.count(partnerId)).isZero();
    }

    @Test
    void theInvitationPageSetsAPasswordByThePolicyOnceAndTheMemberSignsIn() throws Exception {
        String email = email("agent");
        String id = body(invite(apiClient(partnerId), email, "Ada Lindqvist", "PARTNER_AGENT", "sv"))
                .get("id").asString();
        String token = invitationRequest(id).get("payload").get("invitationToken").asString();
        assertThat(login(email, PASSWORD)).as("no password yet").isEqualTo("/login?error");

        MvcResult page = mvc.perform(get("/activate/staff").param("token", token)).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getHeader("Content-Language")).isEqualTo("sv");
        assertThat(page.getResponse().getContentAsString()).contains("Välj ditt lösenord").contains(email)
                .contains("Fjord IT AS").contains("action=\"/activate/staff\"");

        MvcResult weak = accept(token, "ada-lindqvist", "ada-lindqvist");
        assertThat(weak.getResponse().getStatus()).isEqualTo(422);
        assertThat(weak.getResponse().getContentAsString()).contains("data-rule=\"MIN_LENGTH\"");
        assertThat(staff.find(id).orElseThrow().status()).isEqualTo(StaffStatus.INVITED);

        MvcResult done = accept(token, PASSWORD, PASSWORD);
        assertThat(done.getResponse().getStatus()).isEqualTo(200);
        assertThat(done.getResponse().getContentAsString()).contains("href=\"/console/\"");
        StaffMember active = staff.find(id).orElseThrow();
        assertThat(active.status()).isEqualTo(StaffStatus.ACTIVE);
        assertThat(active.invitation()).isNull();
        assertThat(active.passwordHash()).startsWith("{bcrypt}").doesNotContain(PASSWORD);

        assertThat(accept(token, "Other-Quiet-Harbour-19", "Other-Quiet-Harbour-19").getResponse().getStatus())
                .as("a link works once").isEqualTo(409);
        assertThat(mvc.perform(get("/activate/staff").param("token", "x".repeat(43))).andReturn()
                .getResponse().getStatus()).isEqualTo(404);
        assertThat(login(email.toUpperCase(), PASSWORD)).isEqualTo("/console/");
    }

    @Test
    void aNewInvitationKillsTheOldLinkAndOnlyAnInvitedMemberGetsOne() throws Exception {
        String id = body(invite(apiClient(partnerId), email("agent"), "Ada", "PARTNER_AGENT", null))
                .get("id").asString();
        String first = invitationRequest(id).get("payload").get("invitationToken").asString();

        MvcResult resent = mvc.perform(post("/api/v1/staff/{id}/invitation", id).with(apiClient(partnerId)))
                .andReturn();

        assertThat(resent.getResponse().getStatus()).isEqualTo(202);
        List<JsonNode> requests = Published.messages().await("ScheduleStaffInvitationEmail",
                p -> p.get("staffId").asString().equals(id), 2);
        String second = requests.getLast().get("payload").get("invitationToken").asString();
        assertThat(second).isNotEqualTo(first);
        assertThat(resent.getResponse().getContentAsString()).doesNotContain(second);
        assertThat(mvc.perform(get("/activate/staff").param("token", first)).andReturn().getResponse().getStatus())
                .isEqualTo(404);
        assertThat(accept(second, PASSWORD, PASSWORD).getResponse().getStatus()).isEqualTo(200);

        MvcResult again = mvc.perform(post("/api/v1/staff/{id}/invitation", id).with(apiClient(partnerId)))
                .andReturn();
        assertThat(again.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(again).get("code").asString()).isEqualTo("STAFF_ALREADY_ACTIVE");
    }

    @Test
    void thePartnerKeepsAnActiveAdminAndNoAdminDisablesThemselves() throws Exception {
        String first = activeMemberByOperator();

        MvcResult demoted = patch(apiClient(partnerId), first, Map.of("role", "PARTNER_AGENT"));
        assertThat(demoted.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(demoted).get("code").asString()).isEqualTo("LAST_PARTNER_ADMIN");
        MvcResult disabled = patch(apiClient(partnerId), first, Map.of("status", "DISABLED"));
        assertThat(body(disabled).get("code").asString()).isEqualTo("LAST_PARTNER_ADMIN");

        String second = activeMember("PARTNER_ADMIN");
        MvcResult self = patch(admin(partnerId, first), first, Map.of("status", "DISABLED"));
        assertThat(self.getResponse().getStatus()).isEqualTo(409);
        assertThat(body(self).get("code").asString()).isEqualTo("CANNOT_DISABLE_SELF");

        MvcResult other = patch(admin(partnerId, first), second, Map.of("role", "PARTNER_AGENT",
                "displayName", "Bo Berg"));
        assertThat(other.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(other).get("role").asString()).isEqualTo("PARTNER_AGENT");
        assertThat(body(other).get("displayName").asString()).isEqualTo("Bo Berg");
        assertThat(patch(admin(partnerId, first), first, Map.of("role", "PARTNER_AGENT")).getResponse()
                .getStatus()).as("again the last one").isEqualTo(409);
        assertThat(staff.find(first).orElseThrow().activeAdmin()).isTrue();
    }

    @Test
    void aDisabledMemberCannotSignInNorGetANewTokenFromTheirSessionUntilEnabledAgain() throws Exception {
        String admin = activeMemberByOperator();
        String agent = activeMember("PARTNER_AGENT");
        String email = staff.find(agent).orElseThrow().username();
        MockHttpSession session = new MockHttpSession();
        String back = signInOnly(session, email);

        MvcResult disabled = patch(admin(partnerId, admin), agent, Map.of("status", "DISABLED"));

        assertThat(disabled.getResponse().getStatus()).isEqualTo(200);
        assertThat(body(disabled).get("status").asString()).isEqualTo("DISABLED");
        assertThat(login(email, PASSWORD)).isEqualTo("/login?error");
        MvcResult fromSession = mvc.perform(get(URI.create(back)).session(session)).andReturn();
        assertThat(fromSession.getResponse().getHeader("Location")).as("no code: to the login page")
                .isEqualTo("/login");

        assertThat(patch(admin(partnerId, admin), agent, Map.of("status", "ACTIVE")).getResponse().getStatus())
                .isEqualTo(200);
        assertThat(login(email, PASSWORD)).isEqualTo("/console/");
    }

    @Test
    void anAgentIsRefusedTheStaffApi() throws Exception {
        RequestPostProcessor agent = jwt().jwt(j -> j.claim("partner_id", partnerId).claim("staff_role",
                "PARTNER_AGENT").subject(UUID.randomUUID().toString()))
                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));

        assertThat(mvc.perform(get("/api/v1/staff").with(agent)).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(invite(agent, email("x"), "X", "PARTNER_AGENT", null).getResponse().getStatus()).isEqualTo(403);
        assertThat(staff.count(partnerId)).isZero();
    }

    @Test
    void anOperatorInvitesAPartnersFirstAdminButOnlyOfAPartnerThatExists() throws Exception {
        MvcResult unknown = mvc.perform(post("/api/v1/operator/partners/{id}/staff", "no-such-partner")
                .with(operator()).contentType("application/json").content(json.writeValueAsString(Map.of(
                        "email", email("admin"), "displayName", "A", "role", "PARTNER_ADMIN")))).andReturn();
        assertThat(unknown.getResponse().getStatus()).isEqualTo(404);

        MvcResult byPartner = mvc.perform(post("/api/v1/operator/partners/{id}/staff", partnerId)
                .with(apiClient(partnerId)).contentType("application/json").content(json.writeValueAsString(Map.of(
                        "email", email("admin"), "displayName", "A", "role", "PARTNER_ADMIN")))).andReturn();
        assertThat(byPartner.getResponse().getStatus()).as("the operator's path needs scope operator")
                .isEqualTo(403);

        String id = activeMemberByOperator();
        assertThat(staff.find(id).orElseThrow().activeAdmin()).isTrue();
    }

    // --- helpers ---

    /** An ACTIVE PARTNER_ADMIN invited by an operator, who set their password through the page. */
    private String activeMemberByOperator() throws Exception {
        MvcResult invited = mvc.perform(post("/api/v1/operator/partners/{id}/staff", partnerId).with(operator())
                .contentType("application/json").content(json.writeValueAsString(Map.of("email", email("admin"),
                        "displayName", "First Admin", "role", "PARTNER_ADMIN")))).andReturn();
        assertThat(invited.getResponse().getStatus()).isEqualTo(201);
        return accepted(body(invited).get("id").asString());
    }

    private String activeMember(String role) throws Exception {
        return accepted(body(invite(apiClient(partnerId), email(role.toLowerCase()), "Bo", role, null))
                .get("id").asString());
    }

    private String accepted(String id) throws Exception {
        String token = invitationRequest(id).get("payload").get("invitationToken").asString();
        assertThat(accept(token, PASSWORD, PASSWORD).getResponse().getStatus()).isEqualTo(200);
        return id;
    }

    private JsonNode invitationRequest(String id) {
        return Published.messages().await("ScheduleStaffInvitationEmail",
                p -> p.get("staffId").asString().equals(id), 1).getLast();
    }

    private MvcResult invite(RequestPostProcessor caller, String email, String displayName, String role,
                             String language) throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("email", email);
        request.put("displayName", displayName);
        request.put("role", role);
        if (language != null) {
            request.put("language", language);
        }
        return mvc.perform(post("/api/v1/staff").with(caller).contentType("application/json")
                .content(json.writeValueAsString(request))).andReturn();
    }

    private MvcResult patch(RequestPostProcessor caller, String id, Map<String, Object> patch) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.patch("/api/v1/staff/{id}", id).with(caller)
                .contentType("application/merge-patch+json").content(json.writeValueAsString(patch))).andReturn();
    }

    private MvcResult accept(String token, String password, String confirmation) throws Exception {
        return mvc.perform(post("/activate/staff").contentType("application/x-www-form-urlencoded")
                .param("token", token).param("password", password).param("confirmation", confirmation)).andReturn();
    }

    private String login(String username, String password) throws Exception {
        return mvc.perform(post("/login").session(new MockHttpSession()).with(csrf())
                .param("username", username).param("password", password)).andReturn()
                .getResponse().getHeader("Location");
    }

    /** Signs in from an authorization request; answers where the browser goes next (the request, now signed in). */
    private String signInOnly(MockHttpSession session, String username) throws Exception {
        String verifier = UUID.randomUUID() + "-" + UUID.randomUUID();
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest
                .getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        URI authorization = UriComponentsBuilder.fromPath("/oauth2/authorize")
                .queryParam("response_type", "code").queryParam("client_id", CLIENT)
                .queryParam("redirect_uri", REDIRECT).queryParam("scope", "onboarding catalog")
                .queryParam("state", "s").queryParam("code_challenge", challenge)
                .queryParam("code_challenge_method", "S256").encode().build().toUri();
        assertThat(mvc.perform(get(authorization).session(session)).andReturn().getResponse().getHeader("Location"))
                .isEqualTo("/login");
        String back = mvc.perform(post("/login").session(session).with(csrf()).param("username", username)
                .param("password", PASSWORD)).andReturn().getResponse().getHeader("Location");
        assertThat(back).startsWith("/oauth2/authorize?");
        return back;
    }

    private JsonNode body(MvcResult result) throws Exception {
        return json.readTree(result.getResponse().getContentAsString());
    }

    private static String email(String who) {
        return who + "." + UUID.randomUUID().toString().substring(0, 8) + "@fjord-it.example";
    }

    private static RequestPostProcessor apiClient(String partnerId) {
        return jwt().jwt(j -> j.claim("partner_id", partnerId).subject(partnerId + "-api"))
                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));
    }

    private static RequestPostProcessor admin(String partnerId, String staffId) {
        return jwt().jwt(j -> j.claim("partner_id", partnerId).claim("staff_role", "PARTNER_ADMIN")
                        .subject(staffId))
                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));
    }

    private static RequestPostProcessor operator() {
        return jwt().jwt(j -> j.claim("partner_id", "provisio-operations"))
                .authorities(new SimpleGrantedAuthority("SCOPE_operator"));
    }
}
