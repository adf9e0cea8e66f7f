package io.provisio.identity.staff.signin;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.staff.persistence.StaffStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The console's sign-in (ADR 024) end to end inside identity-service: authorization code with PKCE for the public
 * client {@code provisio-console}, a staff member's form login, the token's claims, a code used twice, a request
 * without PKCE, the throttle on failed sign-ins, and sign-out.
 */
@IdentityServiceTest
class ConsoleSignInIT {

    private static final String CLIENT = "provisio-console";
    private static final String REDIRECT = "http://localhost:8080/console/";
    private static final String AGENT = "agent@nordic-it.example";
    private static final String PASSWORD = "Harbour-Lantern-Quiet-47";

    @Autowired
    MockMvc mvc;

    @Autowired
    JwtDecoder jwtDecoder;

    @Autowired
    JsonMapper json;

    @Autowired
    StaffStore staff;

    @Autowired
    MongoTemplate mongo;

    @Test
    void aStaffMemberSignsInWithPkceAndGetsAShortLivedTokenOfTheirPartner() throws Exception {
        String verifier = verifier();
        MockHttpSession session = new MockHttpSession();

        String code = signIn(session, AGENT, PASSWORD, verifier, "state-1");
        JsonNode token = exchange(code, verifier, 200);

        Jwt jwt = jwtDecoder.decode(token.get("access_token").asString());
        assertThat(jwt.getClaimAsString("partner_id")).isEqualTo("nordic-it");
        assertThat(jwt.getClaimAsString("partner_name")).isEqualTo("Nordic IT Partner AB");
        assertThat(jwt.getClaimAsString("staff_role")).isEqualTo("PARTNER_AGENT");
        assertThat(jwt.getSubject()).as("the member's id, not the e-mail address")
                .isEqualTo(staff.findByUsername(AGENT).orElseThrow().id());
        assertThat(jwt.getAudience()).containsExactly("provisio-api");
        assertThat(jwt.getClaimAsStringList("scope")).containsExactlyInAnyOrder("onboarding", "catalog");
        assertThat(Duration.between(jwt.getIssuedAt(), jwt.getExpiresAt())).isEqualTo(Duration.ofMinutes(15));
        assertThat(token.has("refresh_token")).as("a public client gets no refresh token").isFalse();

        // The code works once.
        JsonNode again = exchange(code, verifier, 400);
        assertThat(again.get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void theCodeNeedsTheVerifierItsChallengeWasMadeOf() throws Exception {
        String verifier = verifier();
        String code = signIn(new MockHttpSession(), AGENT, PASSWORD, verifier, "state-2");

        JsonNode refused = exchange(code, verifier(), 400);

        assertThat(refused.get("error").asString()).isEqualTo("invalid_grant");
    }

    @Test
    void anAuthorizationRequestWithoutPkceOrForAnotherRedirectGetsNoCode() throws Exception {
        MockHttpSession session = new MockHttpSession();
        signIn(session, AGENT, PASSWORD, verifier(), "state-3");

        MvcResult withoutPkce = mvc.perform(get(authorization(REDIRECT, null, "s")).session(session)).andReturn();
        assertThat(withoutPkce.getResponse().getRedirectedUrl()).startsWith(REDIRECT)
                .contains("error=invalid_request").doesNotContain("code=");

        MvcResult elsewhere = mvc.perform(get(authorization("https://attacker.example/console/", verifier(), "s"))
                .session(session)).andReturn();
        assertThat(elsewhere.getResponse().getStatus()).isEqualTo(400);
        assertThat(elsewhere.getResponse().getRedirectedUrl()).isNull();
    }

    @Test
    void withoutASignedInSessionTheAuthorizationEndpointSendsThePersonToTheLoginPage() throws Exception {
        MvcResult result = mvc.perform(authorize(new MockHttpSession(), verifier(), "s")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(302);
        assertThat(result.getResponse().getHeader("Location")).as("a path: the browser is at the gateway")
                .isEqualTo("/login");

        MvcResult page = mvc.perform(get("/login").header("Accept-Language", "sv-SE,sv;q=0.9")).andReturn();
        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertThat(page.getResponse().getContentAsString()).contains("Logga in i Provisio-konsolen")
                .contains("name=\"_csrf\"");
        assertThat(page.getResponse().getHeader("Content-Security-Policy")).contains("default-src 'none'")
                .contains("form-action 'self'");
    }

    @Test
    void aWrongPasswordIsRefusedAndTheFifthInARowLocksThatNameOnly() throws Exception {
        String name = "nobody-" + UUID.randomUUID() + "@nordic-it.example";
        for (int attempt = 1; attempt < 5; attempt++) {
            assertThat(login(new MockHttpSession(), name, "Wrong-Password-" + attempt)).isEqualTo("/login?error");
        }
        assertThat(login(new MockHttpSession(), name, "Wrong-Password-5")).isEqualTo("/login?locked");

        // Another name is not affected by these failures.
        assertThat(login(new MockHttpSession(), AGENT, PASSWORD)).isEqualTo("/console/");
    }

    @Test
    void aLockedNameIsRefusedWithTheRightPasswordUntilTheLockoutEnds() throws Exception {
        String agent = "Agent@Nordic-IT.example";
        try {
            for (int attempt = 1; attempt <= 5; attempt++) {
                login(new MockHttpSession(), agent, "Wrong-Password-" + attempt);
            }

            assertThat(login(new MockHttpSession(), agent, PASSWORD)).isEqualTo("/login?locked");
        } finally {
            // Other tests sign in as this agent.
            mongo.getCollection("staff_sign_in_failures").deleteOne(new Document("_id", AGENT));
        }
    }

    @Test
    void signingOutEndsTheSessionSoTheNextAuthorizationAsksForThePasswordAgain() throws Exception {
        MockHttpSession session = new MockHttpSession();
        signIn(session, AGENT, PASSWORD, verifier(), "state-4");

        MvcResult page = mvc.perform(get("/logout").session(session)).andReturn();
        assertThat(page.getResponse().getContentAsString()).contains("action=\"/logout\"");
        MvcResult out = mvc.perform(post("/logout").session(session).with(csrf())).andReturn();

        assertThat(out.getResponse().getHeader("Location")).isEqualTo("/login?signed-out");
        assertThat(session.isInvalid()).isTrue();
        MvcResult after = mvc.perform(authorize(new MockHttpSession(), verifier(), "s")).andReturn();
        assertThat(after.getResponse().getHeader("Location")).isEqualTo("/login");
    }

    @Test
    void signingOutNeedsTheSessionsCsrfToken() throws Exception {
        MockHttpSession session = new MockHttpSession();
        signIn(session, AGENT, PASSWORD, verifier(), "state-5");

        MvcResult forged = mvc.perform(post("/logout").session(session)).andReturn();

        assertThat(forged.getResponse().getStatus()).isEqualTo(403);
        assertThat(session.isInvalid()).isFalse();
    }

    // --- the flow, step by step as a browser makes it ---

    private String signIn(MockHttpSession session, String username, String password, String verifier, String state)
            throws Exception {
        MvcResult unauthenticated = mvc.perform(authorize(session, verifier, state)).andReturn();
        assertThat(unauthenticated.getResponse().getHeader("Location")).isEqualTo("/login");
        MvcResult signedIn = mvc.perform(post("/login").session(session).with(csrf())
                .param("username", username).param("password", password)).andReturn();
        String back = signedIn.getResponse().getHeader("Location");
        assertThat(back).as("back to the authorization request, as a path").startsWith("/oauth2/authorize?");
        MvcResult authorized = mvc.perform(get(URI.create(back)).session(session)).andReturn();
        URI redirect = URI.create(authorized.getResponse().getHeader("Location"));
        assertThat(redirect.toString()).startsWith(REDIRECT);
        var query = UriComponentsBuilder.fromUri(redirect).build().getQueryParams();
        assertThat(query.getFirst("state")).isEqualTo(state);
        return query.getFirst("code");
    }

    private String login(MockHttpSession session, String username, String password) throws Exception {
        return mvc.perform(post("/login").session(session).with(csrf())
                .param("username", username).param("password", password)).andReturn()
                .getResponse().getHeader("Location");
    }

    private MockHttpServletRequestBuilder authorize(MockHttpSession session, String verifier, String state)
            throws Exception {
        return get(authorization(REDIRECT, verifier, state)).session(session);
    }

    /** The request as the console's script builds it; the endpoint reads a GET's parameters from its query. */
    private static URI authorization(String redirect, String verifier, String state) throws Exception {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/oauth2/authorize")
                .queryParam("response_type", "code").queryParam("client_id", CLIENT)
                .queryParam("redirect_uri", redirect).queryParam("scope", "onboarding catalog")
                .queryParam("state", state);
        if (verifier != null) {
            uri.queryParam("code_challenge", challenge(verifier)).queryParam("code_challenge_method", "S256");
        }
        return uri.encode().build().toUri();
    }

    private JsonNode exchange(String code, String verifier, int status) throws Exception {
        MvcResult result = mvc.perform(post("/oauth2/token")
                .param("grant_type", "authorization_code").param("code", code)
                .param("redirect_uri", REDIRECT).param("client_id", CLIENT)
                .param("code_verifier", verifier)).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString()).isEqualTo(status);
        return json.readTree(result.getResponse().getContentAsString());
    }

    private static String verifier() {
        return UUID.randomUUID() + "-" + UUID.randomUUID();
    }

    private static String challenge(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
