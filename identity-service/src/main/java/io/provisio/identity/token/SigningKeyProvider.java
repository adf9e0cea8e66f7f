package io.provisio.identity.token;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.provisio.identity.IdentityProperties;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

import static com.mongodb.client.model.Filters.eq;

/**
 * The RSA key that signs access tokens. In production it comes from configuration (a secret);
 * for local runs and tests it may be generated once and kept in MongoDB ({@code signing_keys},
 * one document with a fixed id), so that restarting identity-service, or starting a second
 * replica, keeps the same key and the tokens issued before stay valid. Insert-or-read makes two
 * replicas starting at the same moment agree on one key.
 */
public final class SigningKeyProvider {

    static final String COLLECTION = "signing_keys";
    static final String ACTIVE = "active";

    private static final Logger log = LoggerFactory.getLogger(SigningKeyProvider.class);

    private final MongoTemplate mongo;
    private final IdentityProperties.Signing signing;
    private final Clock clock;

    public SigningKeyProvider(MongoTemplate mongo, IdentityProperties.Signing signing, Clock clock) {
        this.mongo = mongo;
        this.signing = signing;
        this.clock = clock;
    }

    /**
     * @throws IllegalStateException when no key is configured and generating one is not allowed:
     *                               a service that would sign with a throw-away key must not start
     */
    public RSAKey signingKey() {
        if (signing.configured()) {
            return configured();
        }
        if (signing.generateIfMissing()) {
            return persisted();
        }
        throw new IllegalStateException("""
                identity-service has no token signing key. In production set \
                provisio.identity.signing.private-key-pem (PKCS#8 PEM, env PROVISIO_SIGNING_KEY_PEM) and \
                provisio.identity.signing.key-id (env PROVISIO_SIGNING_KEY_ID); for local runs and tests only, \
                set provisio.identity.signing.generate-if-missing=true (the `local` profile does) to generate \
                one key and keep it in MongoDB.""");
    }

    private RSAKey configured() {
        if (signing.keyId() == null || signing.keyId().isBlank()) {
            throw new IllegalStateException("provisio.identity.signing.key-id is required with private-key-pem");
        }
        String pem = signing.privateKeyPem().trim();
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalStateException("provisio.identity.signing.private-key-pem is PKCS#1; convert it with "
                    + "`openssl pkcs8 -topk8 -nocrypt -in key.pem` to a PKCS#8 'BEGIN PRIVATE KEY' PEM");
        }
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
            return rsaKey(publicKey, privateKey, signing.keyId());
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            // The message names the property only: the key material must not end up in a log.
            throw new IllegalStateException("provisio.identity.signing.private-key-pem is not an RSA private key "
                    + "in PKCS#8 PEM", e);
        }
    }

    private RSAKey persisted() {
        Document stored = mongo.getCollection(COLLECTION).find(eq("_id", ACTIVE)).first();
        if (stored == null) {
            generateAndInsert();
            stored = mongo.getCollection(COLLECTION).find(eq("_id", ACTIVE)).first();
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(stored.getString("publicKey"))));
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(stored.getString("privateKey"))));
            return rsaKey(publicKey, privateKey, stored.getString("keyId"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the signing key stored in " + COLLECTION + " is unreadable", e);
        }
    }

    private void generateAndInsert() {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
        String keyId = UUID.randomUUID().toString();
        try {
            mongo.getCollection(COLLECTION).insertOne(new Document("_id", ACTIVE)
                    .append("keyId", keyId)
                    .append("algorithm", JWSAlgorithm.RS256.getName())
                    .append("publicKey", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()))
                    .append("privateKey", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()))
                    .append("createdAt", Date.from(clock.instant())));
            log.info("Generated token signing key {} and stored it in {}", keyId, COLLECTION);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // Another replica stored its key first; everyone uses that one.
        } catch (DuplicateKeyException e) {
            // As above.
        }
    }

    private static RSAKey rsaKey(RSAPublicKey publicKey, RSAPrivateCrtKey privateKey, String keyId) {
        return new RSAKey.Builder(publicKey)
                .privateKey(privateKey)
                .keyID(keyId)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .build();
    }
}
