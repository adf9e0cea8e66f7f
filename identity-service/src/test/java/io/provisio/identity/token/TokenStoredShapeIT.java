package io.provisio.identity.token;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import com.mongodb.client.model.ReplaceOptions;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import io.provisio.identity.IdentityProperties;
import io.provisio.identity.IdentityServiceTest;
import io.provisio.identity.user.domain.ActivationToken;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's code authorizations and the generated signing key are stored field for field as they always were:
 * instants as dates, the authorization as generic binary, no type hint; and documents of that shape read back.
 */
@IdentityServiceTest
class TokenStoredShapeIT {

    private static final Instant ISSUED = Instant.parse("2026-12-02T10:00:00.123Z");
    private static final Instant CODE_EXPIRES = Instant.parse("2026-12-02T10:05:00.456Z");
    private static final Instant TOKEN_EXPIRES = Instant.parse("2026-12-02T11:00:00.789Z");

    private static final RegisteredClient CLIENT = RegisteredClient.withId("shape-console")
            .clientId("shape-console")
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("http://localhost/shape")
            .build();

    @Autowired
    OAuth2AuthorizationService authorizations;

    @Autowired
    MongoTemplate mongo;

    @Test
    void aCodeAuthorizationFromItsCodeToItsAccessToken() {
        String id = UUID.randomUUID().toString();
        String code = "code-" + id;
        OAuth2Authorization issued = OAuth2Authorization.withRegisteredClient(CLIENT)
                .id(id)
                .principalName("ada@shape.se")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .token(new OAuth2AuthorizationCode(code, ISSUED, CODE_EXPIRES))
                .build();

        authorizations.save(issued);
        Document stored = stored(CodeAuthorizations.COLLECTION, id);
        assertThat(stored.keySet()).containsExactly("_id", "codeHash", "expiresAt", "authorization");
        assertThat(stored).containsEntry("codeHash", ActivationToken.hash(code))
                .containsEntry("expiresAt", Date.from(CODE_EXPIRES));
        assertThat(stored.get("authorization")).isInstanceOfSatisfying(Binary.class,
                binary -> assertThat(binary.getType()).isEqualTo(BsonBinarySubType.BINARY.getValue()));
        assertThat(code(authorizations.findByToken(code, new OAuth2TokenType("code")))).isEqualTo(code);
        assertThat(authorizations.findByToken(code, OAuth2TokenType.ACCESS_TOKEN)).isNull();

        OAuth2Authorization exchanged = OAuth2Authorization.from(issued)
                .invalidate(issued.getToken(OAuth2AuthorizationCode.class).getToken())
                .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-" + id, ISSUED,
                        TOKEN_EXPIRES))
                .build();
        authorizations.save(exchanged);
        assertThat(mongo.getCollection(CodeAuthorizations.COLLECTION).countDocuments(eq("_id", id))).isEqualTo(1);
        assertThat(stored(CodeAuthorizations.COLLECTION, id)).containsEntry("codeHash", ActivationToken.hash(code))
                .containsEntry("expiresAt", Date.from(TOKEN_EXPIRES));
        OAuth2Authorization found = authorizations.findByToken(code, null);
        assertThat(found.getToken(OAuth2AuthorizationCode.class).isInvalidated()).as("a code is used once").isTrue();
        assertThat(found.getAccessToken().getToken().getTokenValue()).isEqualTo("access-" + id);

        authorizations.remove(found);
        assertThat(authorizations.findById(id)).isNull();
    }

    @Test
    void aCodeAuthorizationStoredByHandReadsBack() throws IOException {
        String id = UUID.randomUUID().toString();
        String code = "code-" + id;
        OAuth2Authorization issued = OAuth2Authorization.withRegisteredClient(CLIENT)
                .id(id)
                .principalName("ada@shape.se")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .token(new OAuth2AuthorizationCode(code, ISSUED, CODE_EXPIRES))
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(issued);
        }
        mongo.getCollection(CodeAuthorizations.COLLECTION).insertOne(new Document("_id", id)
                .append("codeHash", ActivationToken.hash(code))
                .append("expiresAt", Date.from(CODE_EXPIRES))
                .append("authorization", new Binary(bytes.toByteArray())));

        assertThat(code(authorizations.findById(id))).isEqualTo(code);
        assertThat(authorizations.findByToken(code, new OAuth2TokenType("code")).getPrincipalName())
                .isEqualTo("ada@shape.se");
    }

    @Test
    void clientCredentialsAreNotKept() {
        String id = UUID.randomUUID().toString();
        authorizations.save(OAuth2Authorization.withRegisteredClient(CLIENT)
                .id(id)
                .principalName("shape-api")
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .accessToken(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-" + id, ISSUED,
                        TOKEN_EXPIRES))
                .build());

        assertThat(stored(CodeAuthorizations.COLLECTION, id)).isNull();
    }

    @Test
    void aGeneratedSigningKeyStoredAndReadBack() throws JOSEException {
        Document original = stored(SigningKeyProvider.COLLECTION, SigningKeyProvider.ACTIVE);
        assertThat(original.keySet()).containsExactly("_id", "keyId", "algorithm", "publicKey", "privateKey",
                "createdAt");
        assertThat(original.get("createdAt")).isInstanceOf(Date.class);
        IdentityProperties.Signing generate = new IdentityProperties.Signing(null, null, null, null, true);
        assertThat(new SigningKeyProvider(mongo, generate, Clock.systemUTC()).signingKey().getKeyID())
                .isEqualTo(original.getString("keyId"));
        try {
            mongo.getCollection(SigningKeyProvider.COLLECTION).deleteOne(eq("_id", SigningKeyProvider.ACTIVE));

            RSAKey generated = new SigningKeyProvider(mongo, generate, Clock.fixed(ISSUED, ZoneOffset.UTC))
                    .signingKey();
            Base64.Encoder base64 = Base64.getEncoder();
            assertThat(stored(SigningKeyProvider.COLLECTION, SigningKeyProvider.ACTIVE)).isEqualTo(
                    new Document("_id", SigningKeyProvider.ACTIVE)
                            .append("keyId", generated.getKeyID())
                            .append("algorithm", "RS256")
                            .append("publicKey", base64.encodeToString(generated.toRSAPublicKey().getEncoded()))
                            .append("privateKey", base64.encodeToString(generated.toRSAPrivateKey().getEncoded()))
                            .append("createdAt", Date.from(ISSUED)));

            RSAKey read = new SigningKeyProvider(mongo, generate, Clock.systemUTC()).signingKey();
            assertThat(read.getKeyID()).isEqualTo(generated.getKeyID());
            assertThat(read.toRSAPrivateKey()).isEqualTo(generated.toRSAPrivateKey());
        } finally {
            mongo.getCollection(SigningKeyProvider.COLLECTION).replaceOne(eq("_id", SigningKeyProvider.ACTIVE),
                    original, new ReplaceOptions().upsert(true));
        }
    }

    private static String code(OAuth2Authorization authorization) {
        return authorization.getToken(OAuth2AuthorizationCode.class).getToken().getTokenValue();
    }

    private Document stored(String collection, String id) {
        return mongo.getCollection(collection).find(eq("_id", id)).first();
    }
}
