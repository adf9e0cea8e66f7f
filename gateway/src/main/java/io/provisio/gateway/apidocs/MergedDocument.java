package io.provisio.gateway.apidocs;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.SpecVersion;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The one OpenAPI 3.1 document of the public API: the gateway's own endpoints (token, key set, authorization
 * server metadata), then every service's document merged in ({@link DocumentMerge}), with the gateway's public
 * URL (the tokens' issuer) as the one server and OAuth2 client credentials at its token endpoint as the scheme.
 */
final class MergedDocument {

    static final String PARTNER_TOKEN = "partner-token";
    static final String UNAVAILABLE = "x-provisio-unavailable";
    static final String STALE = "x-provisio-stale";
    static final String DEAD_LETTERS = "/api/v1/operator/dead-letters";
    private static final String AUTHENTICATION = "Authentication";

    private MergedDocument() {
    }

    /**
     * @param issuer    the gateway's public URL, which is also the tokens' {@code iss}
     * @param documents each service's last good document, in merge order
     * @param missing   services of which there is no document: their paths are left out, and the document says so
     * @param stale     services whose last fetch failed, present with an older copy
     */
    static OpenAPI build(String issuer, Map<String, OpenAPI> documents, Set<String> missing, Set<String> stale) {
        String base = issuer.replaceAll("/+$", "");
        OpenAPI merged = new OpenAPI(SpecVersion.V31).openapi("3.1.0")
                .info(new Info().title("Provisio public API").version("v1").description(description(missing)))
                .servers(List.of(new Server().url(base).description("the gateway, the API's one public port")))
                .components(new Components().addSecuritySchemes(PARTNER_TOKEN, partnerToken(base)))
                .paths(authentication())
                .addTagsItem(new Tag().name(AUTHENTICATION)
                        .description("OAuth2 client credentials; discovery by RFC 8414 metadata"));
        documents.forEach((service, document) -> DocumentMerge.add(merged, service, document));
        // The scheme is the gateway's, whatever a service said its token URL was.
        merged.getComponents().addSecuritySchemes(PARTNER_TOKEN, partnerToken(base));
        PathItem deadLetters = merged.getPaths().get(DEAD_LETTERS);
        if (deadLetters != null && deadLetters.getGet() != null) {
            deadLetters.getGet().description("Answered by the gateway: it asks every service for its dead-letter "
                    + "queues with the caller's token and merges the lists into one page, sorted by service and "
                    + "queue. Each item also names its `service`; services that did not answer are listed in "
                    + "`unavailable` (503 only when none answers).");
        }
        if (!missing.isEmpty()) {
            merged.addExtension(UNAVAILABLE, List.copyOf(missing));
        }
        if (!stale.isEmpty()) {
            merged.addExtension(STALE, List.copyOf(stale));
        }
        return merged;
    }

    static String json(OpenAPI document) {
        try {
            return Json31.mapper().writeValueAsString(document);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not write the OpenAPI document", e);
        }
    }

    private static String description(Set<String> missing) {
        String text = "Onboard business customers in one call, and manage them afterwards. The contract in prose is "
                + "docs/API.md in the repository; errors are RFC 9457 `application/problem+json` with a stable "
                + "`code`. Get a token with the client credentials grant at `/oauth2/token` (HTTP Basic), or "
                + "discover it at `/.well-known/oauth-authorization-server`.";
        if (!missing.isEmpty()) {
            text += "\n\n**Incomplete:** the paths of " + String.join(", ", missing) + " are missing from this copy "
                    + "(the service did not answer the gateway); ask again shortly.";
        }
        return text;
    }

    static SecurityScheme partnerToken(String base) {
        return new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                .description("OAuth2 client credentials (RFC 6749 section 4.4); the client authenticates with "
                        + "HTTP Basic. The token is a JWT naming the partner.")
                .flows(new OAuthFlows().clientCredentials(new OAuthFlow()
                        .tokenUrl(base + "/oauth2/token")
                        .scopes(new Scopes()
                                .addString("onboarding", "create and read onboardings, customers, users, contacts, "
                                        + "subscriptions, notifications")
                                .addString("catalog", "read plans and the partner's own inventory")
                                .addString("operator", "platform operator: partners, plans, inventory, dead letters"))));
    }

    /** The authorization server's public endpoints, routed by the gateway to identity-service. */
    private static Paths authentication() {
        Schema<?> problem = new ObjectSchema()
                .addProperty("error", new StringSchema().example("invalid_client"))
                .addProperty("error_description", new StringSchema());
        Operation token = new Operation().operationId("token").addTagsItem(AUTHENTICATION)
                .summary("Get an access token (client credentials)")
                .description("RFC 6749 section 4.4. The client authenticates with HTTP Basic (or `client_id` and "
                        + "`client_secret` form parameters). Rate limited per client id.")
                .security(List.of())
                .requestBody(new RequestBody().required(true).content(new Content().addMediaType(
                        "application/x-www-form-urlencoded", new MediaType().schema(new ObjectSchema()
                                .addProperty("grant_type", new StringSchema()._enum(List.of("client_credentials")))
                                .addProperty("scope", new StringSchema().example("onboarding catalog")
                                        .description("space-separated; all of the client's scopes when absent"))
                                .required(List.of("grant_type"))))))
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("The token").content(json(new ObjectSchema()
                                .addProperty("access_token", new StringSchema())
                                .addProperty("token_type", new StringSchema().example("Bearer"))
                                .addProperty("expires_in", new IntegerSchema().example(3599))
                                .addProperty("scope", new StringSchema().example("onboarding catalog")))))
                        .addApiResponse("400", new ApiResponse().description("`invalid_request`, "
                                + "`unsupported_grant_type` or `invalid_scope` (RFC 6749 section 5.2)").content(json(problem)))
                        .addApiResponse("401", new ApiResponse().description("`invalid_client`").content(json(problem)))
                        .addApiResponse("429", new ApiResponse().description("`RATE_LIMITED` problem: over the client "
                                + "id's or the address's budget; see `Retry-After`")));
        Operation keys = new Operation().operationId("jwks").addTagsItem(AUTHENTICATION)
                .summary("The keys tokens are signed with (JWK set)").security(List.of())
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("RFC 7517 JWK set")
                        .content(json(new ObjectSchema().addProperty("keys", new io.swagger.v3.oas.models.media
                                .ArraySchema().items(new ObjectSchema()))))));
        Operation metadata = new Operation().operationId("authorizationServerMetadata").addTagsItem(AUTHENTICATION)
                .summary("Authorization server metadata (RFC 8414)")
                .description("Names the token endpoint, the key set and the grant types, all on this URL.")
                .security(List.of())
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("The metadata")
                        .content(json(new ObjectSchema()
                                .addProperty("issuer", new StringSchema().format("uri"))
                                .addProperty("token_endpoint", new StringSchema().format("uri"))
                                .addProperty("jwks_uri", new StringSchema().format("uri"))))));
        return new Paths()
                .addPathItem("/oauth2/token", new PathItem().post(token))
                .addPathItem("/oauth2/jwks", new PathItem().get(keys))
                .addPathItem("/.well-known/oauth-authorization-server", new PathItem().get(metadata));
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType("application/json", new MediaType().schema(schema));
    }
}
