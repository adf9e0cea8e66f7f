package io.provisio.identity.token;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.mongodb.client.model.ReplaceOptions;
import io.provisio.platform.mongo.MongoMapping;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

import static com.mongodb.client.model.Filters.eq;

/**
 * The authorizations the authorization server must remember, in {@code oauth2_authorizations}: only the console's
 * authorization-code grants (ADR 024), between the code's issue at {@code /oauth2/authorize} and its exchange at
 * {@code /oauth2/token} (which may reach another replica), and after it until the access token expires, so a code
 * presented twice is refused. Client-credentials grants are not kept: their tokens are self-contained signed JWTs
 * every service verifies on its own, and there is no code, refresh token or consent to remember (keeping them would
 * write one document per partner token request). Consequence: introspection and revocation answer
 * "inactive"/no-op for API tokens; a compromised API client is stopped by changing its secret and waiting out the TTL.
 *
 * <p>Looked up by {@code _id} and by the code's SHA-256 ({@code codeHash}, unique); the code itself is never stored
 * in the clear. The authorization travels as its Java serialization (every part of it is Serializable and written
 * only by this service; reading it back accepts only Spring Security's, the JDK's and Provisio's classes), as Spring
 * Session stores a session by default. Expired documents are removed by a TTL index on {@code expiresAt}. Documents
 * are mapped by Spring Data from {@link StoredAuthorization}.
 */
final class CodeAuthorizations implements OAuth2AuthorizationService, InitializingBean {

    static final String COLLECTION = "oauth2_authorizations";

    private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
            "java.**;org.springframework.security.**;org.springframework.util.**;io.provisio.identity.**;!*");

    private final MongoTemplate mongo;
    private final MongoMapping mapping;

    CodeAuthorizations(MongoTemplate mongo) {
        this.mongo = mongo;
        this.mapping = new MongoMapping(mongo.getConverter());
    }

    /** An authorization as stored: the hash of its code, when it may go, and its Java serialization. */
    record StoredAuthorization(@MongoId(FieldType.STRING) String id, String codeHash, Instant expiresAt,
                               byte[] authorization) {

        /** Never prints the code's hash nor the authorization (it holds the tokens). */
        @Override
        public String toString() {
            return "StoredAuthorization[id=" + id + ", expiresAt=" + expiresAt + "]";
        }
    }

    @Override
    public void afterPropertiesSet() {
        mongo.indexOps(COLLECTION).createIndex(new Index().on("codeHash", Sort.Direction.ASC).unique()
                .named("codeHash_unique"));
        mongo.indexOps(COLLECTION).createIndex(new Index().on("expiresAt", Sort.Direction.ASC)
                .expire(0, TimeUnit.SECONDS).named("expiresAt_ttl"));
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(authorization.getAuthorizationGrantType())
                || code == null) {
            return;
        }
        Instant expiresAt = Stream.of(code, authorization.getAccessToken())
                .filter(Objects::nonNull)
                .map(OAuth2Authorization.Token::getToken)
                .map(AbstractOAuth2Token::getExpiresAt)
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElseGet(Instant::now);
        mongo.getCollection(COLLECTION).replaceOne(eq("_id", authorization.getId()),
                mapping.document(new StoredAuthorization(authorization.getId(), hash(code.getToken().getTokenValue()),
                        expiresAt, serialize(authorization))),
                new ReplaceOptions().upsert(true));
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        mongo.getCollection(COLLECTION).deleteOne(eq("_id", authorization.getId()));
    }

    @Override
    public OAuth2Authorization findById(String id) {
        return read(mongo.getCollection(COLLECTION).find(eq("_id", id)).first());
    }

    /** Only by code: the console gets no refresh token (a public client) and no other token is looked up. */
    @Override
    public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
        if (token == null || (tokenType != null && !OAuth2ParameterNames.CODE.equals(tokenType.getValue()))) {
            return null;
        }
        return read(mongo.getCollection(COLLECTION).find(eq("codeHash", hash(token))).first());
    }

    private OAuth2Authorization read(Document document) {
        // Not checked against expiresAt here: the authorization server refuses an expired code itself, by the
        // same system clock it stamped the code with.
        StoredAuthorization stored = mapping.read(StoredAuthorization.class, document);
        if (stored == null) {
            return null;
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(stored.authorization()))) {
            in.setObjectInputFilter(ALLOWED);
            return (OAuth2Authorization) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("stored authorization cannot be read", e);
        }
    }

    private static byte[] serialize(OAuth2Authorization authorization) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(authorization);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
