package io.provisio.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.as.AuthorizationServerMetadata;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Issue 13, section 5: the public API is described by one OpenAPI 3.1 document at the gateway, which holds every
 * service's public endpoints, and a standard OAuth2 client finds the token endpoint from the gateway's URL alone
 * (RFC 8414), gets a token and calls the API, all through the public port.
 */
@ExtendWith(Suite.class)
class OpenApiDiscoveryIT {

    private static final List<String> SERVICES = List.of("customer-service", "identity-service",
            "subscription-service", "notification-service");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theGatewaysDocumentIsValidOpenApi31AndHoldsEveryServicesPublicEndpoints() throws Exception {
        String gateway = Suite.get().gatewayUrl;
        // The gateway fetches the services' documents in the background; one started after it is taken soon after.
        String document = await().atMost(Duration.ofSeconds(60)).until(() -> get(gateway + "/v3/api-docs"),
                body -> !Api.JSON.readTree(body).has("x-provisio-unavailable"));
        JsonNode merged = Api.JSON.readTree(document);

        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, null);
        assertThat(parsed.getMessages()).as("swagger-parser's findings").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(merged.path("servers").get(0).path("url").asString()).isEqualTo(gateway);

        Set<String> documented = endpoints(merged);
        for (String service : SERVICES) {
            Set<String> own = endpoints(Api.JSON.readTree(get(Suite.get().serviceUrl(service) + "/v3/api-docs")));
            assertThat(own).as("%s's public endpoints", service).isNotEmpty();
            assertThat(documented).as("the gateway's document against %s's", service).containsAll(own);
        }
        assertThat(documented).contains("POST /api/v1/onboardings", "POST /api/v1/activation",
                "GET /api/v1/plans", "GET /api/v1/customers/{customerId}/notifications", "POST /oauth2/token");
        // Every API operation but the activation link's target asks for the partner token.
        merged.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (path.getKey().startsWith("/api/") && !path.getKey().equals("/api/v1/activation")) {
                assertThat(operation.getValue().path("security").toString())
                        .as("%s %s", operation.getKey(), path.getKey()).contains("partner-token");
            }
        }));
        JsonNode examples = merged.path("paths").path("/api/v1/onboardings").path("post").path("requestBody")
                .path("content").path("application/json").path("examples");
        assertThat(examples.propertyNames()).contains("onboarding-sv-cortex", "onboarding-nl-invalid");

        HttpResponse<String> ui = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/docs")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ui.statusCode()).isEqualTo(302);
        String page = get(gateway + ui.headers().firstValue("Location").orElseThrow());
        assertThat(page).contains("swagger-ui");
    }

    @Test
    void aStandardOAuth2ClientDiscoversTheTokenEndpointThroughTheGatewayAndCallsTheApi() throws Exception {
        String gateway = Suite.get().gatewayUrl;

        // RFC 8414 discovery from the issuer, which is the gateway's URL; Nimbus checks the metadata's issuer.
        AuthorizationServerMetadata metadata = AuthorizationServerMetadata.resolve(new Issuer(gateway));
        assertThat(metadata.getTokenEndpointURI()).hasToString(gateway + "/oauth2/token");
        assertThat(metadata.getJWKSetURI()).hasToString(gateway + "/oauth2/jwks");

        TokenRequest request = new TokenRequest(metadata.getTokenEndpointURI(),
                new ClientSecretBasic(new ClientID("nordic-it-api"), new Secret("acceptance-secret-nordic")),
                new ClientCredentialsGrant(), new Scope("catalog"));
        TokenResponse response = TokenResponse.parse(request.toHTTPRequest().send());
        assertThat(response.indicatesSuccess()).as("token response").isTrue();
        AccessToken token = response.toSuccessResponse().getTokens().getAccessToken();

        SignedJWT jwt = SignedJWT.parse(token.getValue());
        JWKSet keys = JWKSet.load(metadata.getJWKSetURI().toURL());
        assertThat(jwt.verify(new RSASSAVerifier(keys.getKeyByKeyId(jwt.getHeader().getKeyID()).toRSAKey())))
                .as("signed with a key of the discovered key set").isTrue();
        assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo(gateway);

        HTTPRequest plans = new HTTPRequest(HTTPRequest.Method.GET, URI.create(gateway + "/api/v1/plans"));
        plans.setAuthorization(token.toAuthorizationHeader());
        HTTPResponse answer = plans.send();
        assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(200);
        assertThat(answer.getBody()).contains("HOSTED-EXCHANGE");

        // OpenID Connect discovery through the gateway too, read by the same library: one issuer, one key set.
        com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata provider =
                com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata.resolve(new Issuer(gateway));
        assertThat(provider.getTokenEndpointURI()).isEqualTo(metadata.getTokenEndpointURI());
        assertThat(provider.getJWKSetURI()).isEqualTo(metadata.getJWKSetURI());
        assertThat(provider.getUserInfoEndpointURI()).isEqualTo(URI.create(gateway + "/userinfo"));
    }

    private static Set<String> endpoints(JsonNode document) {
        Set<String> endpoints = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().propertyNames().forEach(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method)) {
                endpoints.add(method.toUpperCase() + " " + path.getKey());
            }
        }));
        endpoints.removeIf(endpoint -> !endpoint.contains(" /api/") && !endpoint.contains(" /oauth2/"));
        return endpoints;
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return response.body();
    }
}
