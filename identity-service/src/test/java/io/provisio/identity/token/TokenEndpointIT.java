package io.provisio.identity.token;

import java.time.Clock;

import io.provisio.identity.IdentityProperties;
import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.user.Customers;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.UserStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

@IdentityServiceTest
class TokenEndpointIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    JwtDecoder jwtDecoder;

    @Autowired
    JsonMapper json;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Clock clock;

    @Autowired
    OrganizationStore organizations;

    @Autowired
    UserStore users;

    @Test
    void issuesPartnerTokenForBootstrappedClientWithHttpBasic() throws Exception {
        JsonNode response = token(post("/oauth2/token").with(httpBasic("nordic-it-api", "change-me"))
                .param("grant_type", "client_credentials"), 200);

        assertThat(response.get("token_type").asString()).isEqualTo("Bearer");
        assertThat(response.get("expires_in").asLong()).isBetween(3590L, 3600L);
        assertThat(response.get("scope").asString().split(" ")).containsExactlyInAnyOrder("onboarding", "catalog");

        Jwt jwt = jwtDecoder.decode(response.get("access_token").asString());
        assertThat(jwt.getHeaders()).containsEntry("alg", "RS256");
        assertThat(jwt.getClaimAsString("partner_id")).isEqualTo("nordic-it");
        assertThat(jwt.getClaimAsString("partner_name")).isEqualTo("Nordic IT Partner AB");
        assertThat(jwt.getClaimAsStringList("scope")).containsExactlyInAnyOrder("onboarding", "catalog");
        assertThat(jwt.getIssuer()).hasToString("http://localhost:8080");
    }

    @Test
    void issuesTokenForClientAuthenticatedByFormPostAndStoredHash() throws Exception {
        JsonNode response = token(post("/oauth2/token")
                .param("grant_type", "client_credentials")
                .param("client_id", "alpine-msp-api")
                .param("client_secret", "alpine-secret"), 200);

        Jwt jwt = jwtDecoder.decode(response.get("access_token").asString());
        assertThat(jwt.getClaimAsString("partner_id")).isEqualTo("alpine-msp");
        assertThat(jwt.getClaimAsStringList("scope")).containsExactly("onboarding");
    }

    @Test
    void narrowsTokenToRequestedScope() throws Exception {
        JsonNode response = token(post("/oauth2/token").with(httpBasic("nordic-it-api", "change-me"))
                .param("grant_type", "client_credentials").param("scope", "catalog"), 200);

        assertThat(jwtDecoder.decode(response.get("access_token").asString()).getClaimAsStringList("scope"))
                .containsExactly("catalog");
    }

    @Test
    void refusesScopeTheClientWasNotGranted() throws Exception {
        JsonNode response = token(post("/oauth2/token").with(httpBasic("nordic-it-api", "change-me"))
                .param("grant_type", "client_credentials").param("scope", "operator"), 400);

        assertThat(response.get("error").asString()).isEqualTo("invalid_scope");
    }

    @Test
    void refusesWrongSecretWith401() throws Exception {
        JsonNode response = token(post("/oauth2/token").with(httpBasic("nordic-it-api", "not-the-secret"))
                .param("grant_type", "client_credentials"), 401);

        assertThat(response.get("error").asString()).isEqualTo("invalid_client");
    }

    @Test
    void refusesUnknownClientWith401() throws Exception {
        token(post("/oauth2/token").with(httpBasic("nobody", "change-me"))
                .param("grant_type", "client_credentials"), 401);
    }

    @Test
    void refusesOtherGrantTypes() throws Exception {
        JsonNode response = token(post("/oauth2/token").with(httpBasic("nordic-it-api", "change-me"))
                .param("grant_type", "refresh_token").param("refresh_token", "x"), 400);

        assertThat(response.get("error").asString()).isIn("unauthorized_client", "invalid_grant");
    }

    @Test
    void servesPublicSigningKeyAtJwksEndpoint() throws Exception {
        JsonNode keys = json.readTree(mvc.perform(get("/oauth2/jwks")).andReturn().getResponse().getContentAsString())
                .get("keys");

        assertThat(keys).hasSize(1);
        assertThat(keys.get(0).get("kty").asString()).isEqualTo("RSA");
        assertThat(keys.get(0).get("alg").asString()).isEqualTo("RS256");
        assertThat(keys.get(0).has("d")).as("private exponent must never be published").isFalse();
    }

    @Test
    void reusesPersistedSigningKeyAfterRestart() throws Exception {
        String publishedKeyId = json.readTree(mvc.perform(get("/oauth2/jwks")).andReturn().getResponse()
                .getContentAsString()).get("keys").get(0).get("kid").asString();

        // What a restarted (or second) replica does on the same database.
        SigningKeyProvider restarted = new SigningKeyProvider(mongo,
                new IdentityProperties.Signing(null, null, true), clock);

        assertThat(restarted.signingKey().getKeyID()).isEqualTo(publishedKeyId);
        assertThat(mongo.getCollection(SigningKeyProvider.COLLECTION).countDocuments()).isEqualTo(1);
    }

    @Test
    void acceptsItsOwnTokenOnTheApi() throws Exception {
        String token = token(post("/oauth2/token").with(httpBasic("nordic-it-api", "change-me"))
                .param("grant_type", "client_credentials"), 200).get("access_token").asString();

        Customers.Onboarded testbolag = Customers.testbolag(organizations, users, "nordic-it");

        MvcResult result = mvc.perform(get("/api/v1/customers/{id}/users", testbolag.customerId())
                .header("Authorization", "Bearer " + token)).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
        assertThat(json.readTree(result.getResponse().getContentAsString()).get("items")).hasSize(1);
    }

    @Test
    void refusesApiCallWithoutToken() throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/customers/any/users")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(401);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
    }

    private JsonNode token(org.springframework.test.web.servlet.RequestBuilder request, int expectedStatus)
            throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString())
                .isEqualTo(expectedStatus);
        String body = result.getResponse().getContentAsString();
        return body.isEmpty() ? json.createObjectNode() : json.readTree(body);
    }
}
