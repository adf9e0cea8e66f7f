package io.provisio.identity.user.page;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.Published;
import io.provisio.identity.user.Customers;
import io.provisio.identity.user.domain.UserStatus;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.UserQueries;
import io.provisio.identity.user.persistence.UserStore;
import io.provisio.platform.time.AdjustableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The activation page over HTTP (no browser: the acceptance suite drives Chromium): every state of a link has its
 * page, status and headers; the page speaks the customer's language; the password is judged as the API judges it.
 */
@IdentityServiceTest
class ActivationPageIT {

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
    Clock clock;

    Customers.Onboarded testbolag;
    String userId;
    String token;

    /** Karin, INVITED at Testbolag (a Swedish customer), and the token of the link e-mailed to her. */
    @BeforeEach
    void invitedUserOfTestbolag() throws Exception {
        testbolag = Customers.testbolag(organizations, users, "nordic-it");
        Map<String, Object> karin = new LinkedHashMap<>();
        karin.put("username", "karin.lund");
        karin.put("firstName", "Karin");
        karin.put("lastName", "Lund");
        karin.put("email", "karin." + UUID.randomUUID() + "@testbolag.se");
        MvcResult added = mvc.perform(post("/api/v1/customers/{id}/users", testbolag.customerId())
                .with(jwt().jwt(j -> j.claim("partner_id", "nordic-it"))
                        .authorities(new SimpleGrantedAuthority("SCOPE_onboarding")))
                .contentType("application/json").content(json.writeValueAsString(karin))).andReturn();
        userId = json.readTree(added.getResponse().getContentAsString()).get("id").asString();
        token = Published.messages().await("ScheduleActivationEmail", p -> p.get("userId").asString().equals(userId), 1)
                .getFirst().get("payload").get("activationToken").asString();
    }

    @Test
    void showsTheFormInTheCustomersLanguageWithOrganizationSignInNameAndEveryRule() throws Exception {
        MvcResult page = mvc.perform(get("/activate").param("token", token)
                .header(HttpHeaders.ACCEPT_LANGUAGE, "de-DE,de;q=0.9")).andReturn();

        assertThat(page.getResponse().getStatus()).isEqualTo(200);
        assertPageHeaders(page, "sv");
        assertThat(html(page)).contains("<html lang=\"sv\">", "Välj ditt lösenord", "Testbolag AB",
                "karin.lund@" + testbolag.domain(), "vara minst 12 tecken långt", "data-rule=\"MIN_LENGTH\"",
                "data-rule=\"MAX_BYTES\"", "data-rule=\"NOT_OWN_WORDS\"", "data-rule=\"NOT_PATTERNS\"",
                "data-rule=\"NOT_GUESSABLE\"", "/activate/assets/activate.js", "action=\"/activate\"",
                "data-template=\"Uppfyllda regler: %MET% av %TOTAL%\"")
                .doesNotContain("<script>", "style=\"");
    }

    @Test
    void refusesAWeakPasswordShowingEveryBrokenRuleAndTheMismatchAtOnce() throws Exception {
        MvcResult refused = mvc.perform(form("/activate", "password", "karin2024", "confirmation", "karin2025"))
                .andReturn();

        assertThat(refused.getResponse().getStatus()).isEqualTo(422);
        assertPageHeaders(refused, "sv");
        String errors = html(refused).substring(html(refused).indexOf("id=\"errors\""),
                html(refused).indexOf("id=\"activation-form\""));
        assertThat(errors).contains("data-rule=\"MIN_LENGTH\"", "data-rule=\"NOT_OWN_WORDS\"",
                "data-rule=\"CONFIRMATION\"").doesNotContain("data-rule=\"MAX_BYTES\"");
        assertThat(html(refused)).doesNotContain("karin2024");
        assertThat(queries.find(userId).orElseThrow().status()).isEqualTo(UserStatus.INVITED);
        assertThat(queries.find(userId).orElseThrow().activation()).as("the link stays usable").isNotNull();
    }

    @Test
    void activatesWithAStrongPasswordThenShowsTheLinkAsUsedInTheCustomersLanguage() throws Exception {
        MvcResult done = mvc.perform(form("/activate", "password", STRONG, "confirmation", STRONG)).andReturn();

        assertThat(done.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(done)).contains("Ditt konto är aktiverat", "karin.lund@" + testbolag.domain(),
                "href=\"https://portal.provisio.cloud/\"");
        assertThat(queries.find(userId).orElseThrow().status()).isEqualTo(UserStatus.ACTIVE);

        MvcResult again = mvc.perform(get("/activate").param("token", token)).andReturn();
        assertThat(again.getResponse().getStatus()).isEqualTo(409);
        assertPageHeaders(again, "sv");
        assertThat(html(again)).contains("Länken har redan använts").doesNotContain("activation-form");
        MvcResult repost = mvc.perform(form("/activate", "password", STRONG, "confirmation", STRONG)).andReturn();
        assertThat(repost.getResponse().getStatus()).isEqualTo(409);
    }

    @Test
    void answersAnUnknownOrMissingTokenWithItsOwnPageInTheBrowsersLanguageNeverA401() throws Exception {
        for (MockHttpServletRequestBuilder request : List.of(
                get("/activate").param("token", "not-a-token"),
                get("/activate").param("token", "A".repeat(43)),
                get("/activate"))) {
            MvcResult unknown = mvc.perform(request.header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR, nl;q=0.8, en;q=0.5"))
                    .andReturn();

            assertThat(unknown.getResponse().getStatus()).isEqualTo(404);
            assertPageHeaders(unknown, "nl");
            assertThat(unknown.getResponse().getHeader(HttpHeaders.WWW_AUTHENTICATE)).isNull();
            assertThat(html(unknown)).contains("Deze link is niet geldig");
        }
        MvcResult english = mvc.perform(get("/activate").param("token", "nope")).andReturn();
        assertThat(html(english)).contains("<html lang=\"en\">", "This link is not valid");
    }

    @Test
    void offersTheHolderOfAnExpiredLinkToAskThePartnerOnceAndAnnouncesItOnce() throws Exception {
        ((AdjustableClock) clock).advance(Duration.ofHours(73));

        MvcResult expired = mvc.perform(get("/activate").param("token", token)).andReturn();
        assertThat(expired.getResponse().getStatus()).isEqualTo(410);
        assertPageHeaders(expired, "sv");
        assertThat(html(expired)).contains("Länken har gått ut", "action=\"/activate/new-link\"");

        MvcResult asked = mvc.perform(form("/activate/new-link")).andReturn();
        MvcResult askedAgain = mvc.perform(form("/activate/new-link")).andReturn();

        assertThat(asked.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(asked)).contains("Din begäran har skickats vidare");
        assertThat(html(askedAgain)).contains("Din begäran har skickats vidare");
        JsonNode event = Published.messages().await("ActivationLinkRequested",
                p -> p.get("userId").asString().equals(userId), 1).getFirst();
        assertThat(event.get("partnerId").asString()).isEqualTo("nordic-it");
        assertThat(event.get("payload").get("partnerEmail").asString()).isEqualTo("partner-desk@nordic-it.example");
        assertThat(event.get("payload").get("customerId").asString()).isEqualTo(testbolag.customerId());
        assertThat(event.get("payload").get("upn").asString()).isEqualTo("karin.lund@" + testbolag.domain());
        assertThat(event.toString()).doesNotContain(token);
        assertThat(html(mvc.perform(get("/activate").param("token", token)).andReturn()))
                .contains("id=\"already-asked\"").doesNotContain("action=\"/activate/new-link\"");
        // The second request wrote nothing: the first's event is the only one (it left before the page answered
        // the reload above, the relay publishes right after the write).
        assertThat(Published.messages().matching("ActivationLinkRequested",
                p -> p.get("userId").asString().equals(userId))).hasSize(1);
        // The JSON API still says what it said.
        MvcResult api = mvc.perform(post("/api/v1/activation").contentType("application/json")
                .content(json.writeValueAsString(Map.of("token", token, "password", STRONG)))).andReturn();
        assertThat(api.getResponse().getStatus()).isEqualTo(410);
    }

    @Test
    void checksAPasswordForTheScriptWithTheActivationsRulesAndWords() throws Exception {
        JsonNode weak = json.readTree(mvc.perform(form("/activate/check", "password", "Karin.Lund2024!"))
                .andReturn().getResponse().getContentAsString());
        JsonNode strong = json.readTree(mvc.perform(form("/activate/check", "password", STRONG))
                .andReturn().getResponse().getContentAsString());

        assertThat(weak.get("failed").valueStream().map(JsonNode::asString).toList()).contains("NOT_OWN_WORDS");
        assertThat(weak.get("acceptable").asBoolean()).isFalse();
        assertThat(strong.get("failed").isEmpty()).isTrue();
        assertThat(strong.get("acceptable").asBoolean()).isTrue();
        MvcResult dead = mvc.perform(post("/activate/check").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("token", "nope").param("password", STRONG)).andReturn();
        assertThat(dead.getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void servesItsScriptAndStyleFromItsOwnOrigin() throws Exception {
        MvcResult script = mvc.perform(get("/activate/assets/activate.js")).andReturn();
        MvcResult style = mvc.perform(get("/activate/assets/activate.css")).andReturn();

        assertThat(script.getResponse().getStatus()).isEqualTo(200);
        assertThat(script.getResponse().getContentAsString()).contains("/activate/check", "data-check-url");
        assertThat(style.getResponse().getStatus()).isEqualTo(200);
    }

    private MockHttpServletRequestBuilder form(String path, String... fields) {
        MockHttpServletRequestBuilder request = post(path).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("token", token);
        for (int i = 0; i < fields.length; i += 2) {
            request.param(fields[i], fields[i + 1]);
        }
        return request;
    }

    private static String html(MvcResult result) throws Exception {
        return result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void assertPageHeaders(MvcResult page, String language) {
        assertThat(page.getResponse().getContentType()).startsWith("text/html");
        assertThat(page.getResponse().getHeader(HttpHeaders.CONTENT_LANGUAGE)).isEqualTo(language);
        assertThat(page.getResponse().getHeader("Content-Security-Policy"))
                .contains("frame-ancestors 'none'", "script-src 'self'", "default-src 'none'")
                .doesNotContain("unsafe-inline");
        assertThat(page.getResponse().getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).contains("no-store");
        assertThat(page.getResponse().getHeader("X-Frame-Options")).isEqualTo("DENY");
    }
}
