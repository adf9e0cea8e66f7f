package io.provisio.identity.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import io.provisio.identity.IdentityProperties;
import io.provisio.platform.apidocs.DocumentedEndpoints;
import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.RotatedOutSigningKey;
import io.provisio.identity.user.Customers;
import io.provisio.identity.user.persistence.OrganizationStore;
import io.provisio.identity.user.persistence.UserStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
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
        assertThat(jwt.getAudience()).containsExactly("provisio-api");
        assertThat(jwt.getHeaders().get("kid")).as("signed with the current key, never the previous one")
                .isNotNull().isNotEqualTo(RotatedOutSigningKey.KEY.getKeyID());
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
    void servesCurrentAndPreviousPublicKeysAtJwksEndpoint() throws Exception {
        JsonNode keys = json.readTree(mvc.perform(get("/oauth2/jwks")).andReturn().getResponse().getContentAsString())
                .get("keys");

        assertThat(keys).hasSize(2);
        assertThat(keys.get(0).get("kid").asString()).isNotEqualTo(RotatedOutSigningKey.KEY.getKeyID());
        assertThat(keys.get(1).get("kid").asString()).isEqualTo(RotatedOutSigningKey.KEY.getKeyID());
        for (JsonNode key : keys) {
            assertThat(key.get("kty").asString()).isEqualTo("RSA");
            assertThat(key.get("alg").asString()).isEqualTo("RS256");
            assertThat(key.has("d")).as("private exponent must never be published").isFalse();
        }
    }

    @Test
    void reusesPersistedSigningKeyAfterRestart() throws Exception {
        String publishedKeyId = json.readTree(mvc.perform(get("/oauth2/jwks")).andReturn().getResponse()
                .getContentAsString()).get("keys").get(0).get("kid").asString();

        // What a restarted (or second) replica does on the same database.
        SigningKeyProvider restarted = new SigningKeyProvider(mongo,
                new IdentityProperties.Signing(null, null, null, null, true), clock);

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
    void acceptsTokenSignedWithThePreviousKeyAfterRotation() throws Exception {
        Customers.Onboarded testbolag = Customers.testbolag(organizations, users, "nordic-it");

        MvcResult result = mvc.perform(get("/api/v1/customers/{id}/users", testbolag.customerId())
                .header("Authorization", "Bearer " + signedByPreviousKey("provisio-api"))).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void refusesTokenWithoutTheAudience() throws Exception {
        assertRefusedAsInvalid(signedByPreviousKey(null));
    }

    @Test
    void refusesTokenForAnotherAudience() throws Exception {
        assertRefusedAsInvalid(signedByPreviousKey("billing-api"));
    }

    @Test
    void refusesBearerHeaderThatHoldsNoToken() throws Exception {
        assertRefusedAsInvalid("not a token");
    }

    @Test
    void refusesApiCallWithoutToken() throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/customers/any/users")).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(401);
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
    }

    private void assertRefusedAsInvalid(String token) throws Exception {
        MvcResult result = mvc.perform(get("/api/v1/customers/any/users")
                .header("Authorization", "Bearer " + token)).andReturn();

        assertThat(result.getResponse().getStatus()).isEqualTo(401);
        assertThat(result.getResponse().getHeader("WWW-Authenticate")).isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
    }

    /** A token as identity issued it before the rotation, signed by the key that is now the previous one. */
    private String signedByPreviousKey(String audience) throws Exception {
        // System time, as the decoder checks expiry by it (other ITs move the test clock forward).
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer("http://localhost:8080")
                .subject("nordic-it-api")
                .claim("partner_id", "nordic-it")
                .claim("scope", List.of("onboarding", "catalog"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)));
        if (audience != null) {
            claims.audience(audience);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(RotatedOutSigningKey.KEY.getKeyID()).build(), claims.build());
        jwt.sign(new RSASSASigner(RotatedOutSigningKey.KEY));
        return jwt.serialize();
    }

    private JsonNode token(org.springframework.test.web.servlet.RequestBuilder request, int expectedStatus)
            throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString())
                .isEqualTo(expectedStatus);
        String body = result.getResponse().getContentAsString();
        return body.isEmpty() ? json.createObjectNode() : json.readTree(body);
    }

    /**
     * identity-service's OpenAPI document names exactly the public endpoints it maps, so it cannot drift from the
     * code (ADR 019); it is served without a token, for the gateway to merge.
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
        JsonNode activation = json.readTree(document).path("paths").path("/api/v1/activation").path("post");
        assertThat(activation.path("security").isArray() && activation.path("security").isEmpty())
                .as("the activation link's target needs no token: %s", activation).isTrue();
        assertThat(activation.path("responses").has("401")).isFalse();
    }

    /**
     * RFC 8414 metadata names every endpoint on the issuer, the gateway's public URL (provisio.security.issuer in
     * tests: http://localhost:8080), never this service's own port; the gateway routes it there unchanged.
     */
    @Test
    void publishesMetadataNamingTheIssuersEndpointsAndTheOpenIdConfiguration() throws Exception {
        JsonNode metadata = json.readTree(mvc.perform(get("/.well-known/oauth-authorization-server")
                        .header("X-Forwarded-Host", "identity.internal:8082"))
                .andReturn().getResponse().getContentAsString());

        assertThat(metadata.get("issuer").asString()).isEqualTo("http://localhost:8080");
        assertThat(metadata.get("token_endpoint").asString()).isEqualTo("http://localhost:8080/oauth2/token");
        assertThat(metadata.get("jwks_uri").asString()).isEqualTo("http://localhost:8080/oauth2/jwks");
        assertThat(metadata.path("grant_types_supported").toString()).contains("client_credentials");
        // OpenID Connect discovery, without a token, with the same issuer and endpoints at the gateway's address.
        MvcResult openId = mvc.perform(get("/.well-known/openid-configuration")
                .header("X-Forwarded-Host", "identity.internal:8082")).andReturn();
        assertThat(openId.getResponse().getStatus()).isEqualTo(200);
        JsonNode provider = json.readTree(openId.getResponse().getContentAsString());
        assertThat(provider.get("issuer").asString()).isEqualTo("http://localhost:8080");
        assertThat(provider.get("token_endpoint").asString()).isEqualTo("http://localhost:8080/oauth2/token");
        assertThat(provider.get("jwks_uri").asString()).isEqualTo("http://localhost:8080/oauth2/jwks");
        assertThat(provider.get("userinfo_endpoint").asString()).isEqualTo("http://localhost:8080/userinfo");
        assertThat(provider.path("scopes_supported").toString()).contains("openid");
        assertThat(provider.has("registration_endpoint")).as("no dynamic client registration").isFalse();
    }
}
