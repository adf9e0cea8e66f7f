package io.provisio.identity.partner.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.provisio.identity.IdentityServiceTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@IdentityServiceTest
class OperatorPartnerIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    JwtDecoder jwtDecoder;

    @Test
    void createsPartnerWithItsFirstClientAndShowsTheSecretOnlyInTheAnswer() throws Exception {
        String id = "fjord-it-" + UUID.randomUUID().toString().substring(0, 8);

        MvcResult result = create(Map.of("id", id, "name", "Fjord IT AS"), operator());

        assertThat(result.getResponse().getStatus()).isEqualTo(201);
        assertThat(result.getResponse().getHeader("Cache-Control")).contains("no-store");
        JsonNode created = json.readTree(result.getResponse().getContentAsString());
        assertThat(created.get("id").asString()).isEqualTo(id);
        JsonNode client = created.get("client");
        assertThat(client.get("clientId").asString()).isEqualTo(id + "-api");
        assertThat(client.get("scopes").toString()).isEqualTo("[\"catalog\",\"onboarding\"]");
        String secret = client.get("clientSecret").asString();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        Document stored = mongo.getCollection("api_clients").find(eq("clientId", id + "-api")).first();
        assertThat(stored.toJson()).doesNotContain(secret);
        assertThat(stored.getString("secretHash")).startsWith("{bcrypt}");

        MvcResult token = mvc.perform(post("/oauth2/token").with(httpBasic(id + "-api", secret))
                .param("grant_type", "client_credentials")).andReturn();
        assertThat(token.getResponse().getStatus()).isEqualTo(200);
        Jwt jwt = jwtDecoder.decode(json.readTree(token.getResponse().getContentAsString()).get("access_token")
                .asString());
        assertThat(jwt.getClaimAsString("partner_id")).isEqualTo(id);
        assertThat(jwt.getClaimAsString("partner_name")).isEqualTo("Fjord IT AS");
    }

    @Test
    void refusesAPartnerThatExistsAlready() throws Exception {
        MvcResult result = create(Map.of("id", "nordic-it", "name", "Nordic IT Partner AB",
                "clientId", "nordic-it-second"), operator());

        assertThat(result.getResponse().getStatus()).isEqualTo(409);
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("code").asString())
                .isEqualTo("PARTNER_EXISTS");
        assertThat(mongo.getCollection("api_clients").countDocuments(eq("clientId", "nordic-it-second"))).isZero();
    }

    @Test
    void refusesAClientIdThatIsTaken() throws Exception {
        MvcResult result = create(Map.of("id", "fjord-" + UUID.randomUUID().toString().substring(0, 8),
                "name", "Fjord", "clientId", "nordic-it-api"), operator());

        assertThat(result.getResponse().getStatus()).isEqualTo(409);
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("code").asString())
                .isEqualTo("CLIENT_ID_TAKEN");
    }

    @Test
    void refusesTheConsolesClientIdForAnApiClient() throws Exception {
        String id = "fjord-" + UUID.randomUUID().toString().substring(0, 8);
        MvcResult result = create(Map.of("id", id, "name", "Fjord", "clientId", "provisio-console"), operator());

        assertThat(result.getResponse().getStatus()).isEqualTo(409);
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("code").asString())
                .isEqualTo("CLIENT_ID_TAKEN");
        assertThat(mongo.getCollection("api_clients").countDocuments(eq("clientId", "provisio-console"))).isZero();
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() throws Exception {
        MvcResult result = create(Map.of("id", "Fjord IT", "scopes", List.of("onboarding", "admin")), operator());

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("id", "name", "scopes[1]");
    }

    @Test
    void refusesALongerScopeListAsOneErrorNextToTheOthers() throws Exception {
        List<String> scopes = java.util.Collections.nCopies(500, "nonsense");
        MvcResult result = create(Map.of("id", "Fjord IT", "scopes", scopes), operator());

        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        var errors = json.readTree(result.getResponse().getContentAsString()).get("errors");
        assertThat(errors.findValuesAsString("field")).containsExactlyInAnyOrder("id", "name", "scopes");
        assertThat(errors.findValuesAsString("message")).contains("must have at most 3 entries");
    }

    @Test
    void refusesAPartnerTokenWithoutTheOperatorScope() throws Exception {
        MvcResult result = create(Map.of("id", "sneaky-it", "name", "Sneaky"), jwt()
                .jwt(j -> j.claim("partner_id", "nordic-it")).authorities(new SimpleGrantedAuthority("SCOPE_onboarding")));

        assertThat(result.getResponse().getStatus()).isEqualTo(403);
        assertThat(mongo.getCollection("partners").countDocuments(eq("_id", "sneaky-it"))).isZero();
    }

    @Test
    void setsReadsChangesAndRemovesThePartnersNotificationAddress() throws Exception {
        String id = "fjord-" + UUID.randomUUID().toString().substring(0, 8);
        MvcResult created = create(Map.of("id", id, "name", "Fjord IT AS",
                "notificationEmail", " ops@fjord.example "), operator());
        assertThat(created.getResponse().getStatus()).isEqualTo(201);
        assertThat(json.readTree(created.getResponse().getContentAsString()).get("notificationEmail").asString())
                .isEqualTo("ops@fjord.example");

        MvcResult read = mvc.perform(get("/api/v1/operator/partners/{id}", id).with(operator())).andReturn();
        assertThat(read.getResponse().getStatus()).isEqualTo(200);
        JsonNode partner = json.readTree(read.getResponse().getContentAsString());
        assertThat(partner.get("name").asString()).isEqualTo("Fjord IT AS");
        assertThat(partner.get("notificationEmail").asString()).isEqualTo("ops@fjord.example");
        assertThat(partner.has("client")).isFalse();

        MvcResult changed = patch(id, "{\"notificationEmail\": \"desk@fjord.example\"}", operator());
        assertThat(changed.getResponse().getStatus()).isEqualTo(200);
        assertThat(mongo.getCollection("partners").find(eq("_id", id)).first().getString("notificationEmail"))
                .isEqualTo("desk@fjord.example");

        assertThat(patch(id, "{\"notificationEmail\": null}", operator()).getResponse().getStatus()).isEqualTo(200);
        assertThat(mongo.getCollection("partners").find(eq("_id", id)).first().getString("notificationEmail"))
                .isNull();
    }

    @Test
    void refusesABadPatchWithEveryErrorAndChangesNothing() throws Exception {
        String id = "fjord-" + UUID.randomUUID().toString().substring(0, 8);
        create(Map.of("id", id, "name", "Fjord IT AS", "notificationEmail", "ops@fjord.example"), operator());

        MvcResult refused = patch(id, "{\"notificationEmail\": \"not-an-address\", \"name\": \"X\", \"colour\": 1}",
                operator());

        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(json.readTree(refused.getResponse().getContentAsString()).get("errors").findValuesAsString("field"))
                .containsExactlyInAnyOrder("notificationEmail", "name", "colour");
        assertThat(mongo.getCollection("partners").find(eq("_id", id)).first().getString("notificationEmail"))
                .isEqualTo("ops@fjord.example");
        assertThat(create(Map.of("id", "fjord-" + UUID.randomUUID().toString().substring(0, 8), "name", "Fjord",
                "notificationEmail", "nope"), operator()).getResponse().getStatus()).isEqualTo(400);
    }

    @Test
    void answersNotFoundForAnUnknownPartnerAndForbiddenWithoutTheOperatorScope() throws Exception {
        assertThat(mvc.perform(get("/api/v1/operator/partners/{id}", "no-such-partner").with(operator()))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(patch("no-such-partner", "{\"notificationEmail\": \"a@b.example\"}", operator())
                .getResponse().getStatus()).isEqualTo(404);
        RequestPostProcessor partner = jwt().jwt(j -> j.claim("partner_id", "nordic-it"))
                .authorities(new SimpleGrantedAuthority("SCOPE_onboarding"));
        assertThat(mvc.perform(get("/api/v1/operator/partners/{id}", "nordic-it").with(partner))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
        assertThat(patch("nordic-it", "{\"notificationEmail\": \"evil@x.example\"}", partner)
                .getResponse().getStatus()).isEqualTo(403);
    }

    private MvcResult patch(String id, String body, RequestPostProcessor caller) throws Exception {
        return mvc.perform(MockMvcRequestBuilders.patch("/api/v1/operator/partners/{id}", id).with(caller)
                .contentType("application/merge-patch+json").content(body)).andReturn();
    }

    private MvcResult create(Map<String, Object> request, RequestPostProcessor caller) throws Exception {
        return mvc.perform(post("/api/v1/operator/partners").with(caller).contentType("application/json")
                .content(json.writeValueAsString(request))).andReturn();
    }

    private static RequestPostProcessor operator() {
        return jwt().jwt(j -> j.claim("partner_id", "provisio-operations"))
                .authorities(new SimpleGrantedAuthority("SCOPE_operator"));
    }
}
