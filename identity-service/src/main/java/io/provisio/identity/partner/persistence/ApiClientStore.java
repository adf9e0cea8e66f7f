package io.provisio.identity.partner.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.provisio.identity.IdentityProperties;
import io.provisio.identity.partner.domain.ApiClient;
import io.provisio.identity.partner.domain.ApiScope;
import io.provisio.ids.Ids;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.stereotype.Component;

import static com.mongodb.client.model.Filters.eq;

/**
 * The partners' API clients in {@code api_clients}, and the authorization server's view of them:
 * client-credentials only, secret checked against its stored hash, the partner id carried in the
 * client settings so the token can name it. Documents are mapped by Spring Data from {@link ApiClientDocument}.
 */
@Component
public class ApiClientStore implements RegisteredClientRepository, InitializingBean {

    static final String COLLECTION = "api_clients";

    /** Client setting holding the partner id the tokens of this client speak for. */
    public static final String PARTNER_ID_SETTING = "provisio.partner-id";

    private final MongoTemplate mongo;
    private final MongoMapping mapping;
    private final IdentityProperties properties;

    ApiClientStore(MongoTemplate mongo, IdentityProperties properties) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
        this.properties = properties;
    }

    /** Indexes are created here rather than by auto-index-creation, which is off in the suite. */
    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("clientId", Sort.Direction.ASC).unique()
                .named("clientId_unique"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("partnerId", Sort.Direction.ASC).named("partnerId"));
    }

    /** @return false when a client with this id or clientId exists (it is left as it is) */
    public boolean insertIfAbsent(ApiClient client) {
        return MongoWrites.insertIfAbsent(mongo.getCollection(COLLECTION),
                mapping.document(ApiClientDocument.of(client)));
    }

    /**
     * Called by the authorization server, e.g. to store a secret re-hashed with a stronger encoding.
     * Only the secret and scopes of an existing client change; a new client is inserted.
     */
    @Override
    public void save(RegisteredClient registeredClient) {
        List<String> scopes = new ArrayList<>(registeredClient.getScopes());
        boolean updated = mongo.getCollection(COLLECTION).updateOne(eq("_id", registeredClient.getId()),
                mapping.update(ApiClientDocument.class, Update.update("secretHash", registeredClient.getClientSecret())
                        .set("scopes", scopes))).getMatchedCount() == 1;
        if (!updated) {
            String partnerId = registeredClient.getClientSettings().getSetting(PARTNER_ID_SETTING);
            Set<ApiScope> apiScopes = EnumSet.noneOf(ApiScope.class);
            scopes.forEach(scope -> apiScopes.add(ApiScope.of(scope)));
            Instant issuedAt = registeredClient.getClientIdIssuedAt() == null ? Instant.now()
                    : registeredClient.getClientIdIssuedAt();
            insertIfAbsent(new ApiClient(registeredClient.getId(), partnerId, registeredClient.getClientId(),
                    registeredClient.getClientSecret(), apiScopes, issuedAt));
        }
    }

    @Override
    public RegisteredClient findById(String id) {
        return toRegisteredClient(read(mongo.getCollection(COLLECTION).find(eq("_id", id)).first()));
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        return toRegisteredClient(read(mongo.getCollection(COLLECTION).find(eq("clientId", clientId)).first()));
    }

    public long countByPartner(String partnerId) {
        return mongo.getCollection(COLLECTION).countDocuments(eq("partnerId", partnerId));
    }

    /** A fresh id for a new client; the clientId is the partner-facing name, this one is internal. */
    public static String newId() {
        return Ids.newId();
    }

    private ApiClientDocument read(Document document) {
        return mapping.read(ApiClientDocument.class, document);
    }

    private RegisteredClient toRegisteredClient(ApiClientDocument client) {
        if (client == null) {
            return null;
        }
        List<String> scopes = client.scopeValues();
        return RegisteredClient.withId(client.id())
                .clientId(client.clientId())
                .clientName(client.clientId())
                .clientIdIssuedAt(client.createdAt())
                .clientSecret(client.secretHash())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(s -> s.addAll(scopes))
                .clientSettings(ClientSettings.builder()
                        .setting(PARTNER_ID_SETTING, client.partnerId())
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(properties.tokenTtl())
                        .build())
                .build();
    }
}
