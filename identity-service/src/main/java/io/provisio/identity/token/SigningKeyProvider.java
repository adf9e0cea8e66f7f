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
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import io.provisio.identity.IdentityProperties;
import io.provisio.platform.mongo.MongoMapping;
import io.provisio.platform.mongo.MongoWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.FieldType;
import org.springframework.data.mongodb.core.mapping.MongoId;

import static com.mongodb.client.model.Filters.eq;

/**
 * The RSA key that signs access tokens, and the keys that verify them. In production the signing key
 * comes from configuration (a secret); for local runs and tests it may be generated once and kept in
 * MongoDB ({@code signing_keys}, one document with a fixed id), so that restarting identity-service, or
 * starting a second replica, keeps the same key and the tokens issued before stay valid. Insert-or-read
 * makes two replicas starting at the same moment agree on one key.
 * <p>
 * The previous key, from configuration only, is published next to the signing key and never signs:
 * rotating is moving the current key to "previous" and configuring a new current one (ADR 009), and the
 * tokens signed before keep verifying until they expire.
 * <p>
 * The stored key is mapped by Spring Data from {@link StoredKey}: both halves Base64 (X.509 and PKCS#8 DER).
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

    /** The generated key as stored. */
    record StoredKey(@MongoId(FieldType.STRING) String id, String keyId, String algorithm, String publicKey,
                     String privateKey, Instant createdAt) {

        /** Never prints the private key. */
        @Override
        public String toString() {
            return "StoredKey[keyId=" + keyId + ", algorithm=" + algorithm + ", createdAt=" + createdAt + "]";
        }
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

    /**
     * What {@code /oauth2/jwks} publishes and this service verifies its own API's tokens with: the signing key
     * and, after a rotation, the previous key (public half only, it signs nothing any more).
     *
     * @throws IllegalStateException when the previous key is malformed, has no key id or the signing key's
     */
    public List<JWK> verificationKeys() {
        RSAKey current = signingKey();
        if (!signing.hasPrevious()) {
            return List.of(current);
        }
        String previousKeyId = signing.previousKeyId();
        if (previousKeyId == null || previousKeyId.isBlank()) {
            throw new IllegalStateException(
                    "provisio.identity.signing.previous-key-id is required with previous-key-pem");
        }
        if (previousKeyId.equals(current.getKeyID())) {
            throw new IllegalStateException("provisio.identity.signing.previous-key-id equals the signing key's id "
                    + previousKeyId + ": a rotated-in key needs a new key id, or resource servers cannot tell the "
                    + "two apart");
        }
        return List.of(current, previous(previousKeyId));
    }

    private RSAKey configured() {
        if (signing.keyId() == null || signing.keyId().isBlank()) {
            throw new IllegalStateException("provisio.identity.signing.key-id is required with private-key-pem");
        }
        String property = "provisio.identity.signing.private-key-pem";
        RSAPrivateCrtKey privateKey = privateKey(signing.privateKeyPem(), property);
        return rsaKey(publicHalf(privateKey, property), privateKey, signing.keyId());
    }

    /** Accepts the old private key as it was configured, or only its public half; keeps only the latter. */
    private RSAKey previous(String keyId) {
        String property = "provisio.identity.signing.previous-key-pem";
        String pem = signing.previousKeyPem().trim();
        RSAPublicKey publicKey = pem.contains("BEGIN PUBLIC KEY")
                ? publicKey(pem, property)
                : publicHalf(privateKey(pem, property), property);
        return new RSAKey.Builder(publicKey)
                .keyID(keyId)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .build();
    }

    private static RSAPrivateCrtKey privateKey(String pem, String property) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalStateException(property + " is PKCS#1; convert it with "
                    + "`openssl pkcs8 -topk8 -nocrypt -in key.pem` to a PKCS#8 'BEGIN PRIVATE KEY' PEM");
        }
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            // The message names the property only: the key material must not end up in a log.
            throw new IllegalStateException(property + " is not an RSA private key in PKCS#8 PEM", e);
        }
    }

    private static RSAPublicKey publicKey(String pem, String property) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalStateException(property + " is not an RSA public key in X.509 PEM", e);
        }
    }

    private static RSAPublicKey publicHalf(RSAPrivateCrtKey privateKey, String property) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(property + " is not a usable RSA key", e);
        }
    }

    private static byte[] der(String pem) {
        return Base64.getDecoder().decode(pem.trim().replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
    }

    private RSAKey persisted() {
        // Made here, not in the constructor: a provider with a configured key has no database.
        MongoMapping mapping = new MongoMapping(mongo.getConverter());
        StoredKey stored = stored(mapping);
        if (stored == null) {
            generateAndInsert(mapping);
            stored = stored(mapping);
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(stored.publicKey())));
            RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) rsa.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(stored.privateKey())));
            return rsaKey(publicKey, privateKey, stored.keyId());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the signing key stored in " + COLLECTION + " is unreadable", e);
        }
    }

    private StoredKey stored(MongoMapping mapping) {
        return mapping.read(StoredKey.class, mongo.getCollection(COLLECTION).find(eq("_id", ACTIVE)).first());
    }

    private void generateAndInsert(MongoMapping mapping) {
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
        String keyId = UUID.randomUUID().toString();
        StoredKey key = new StoredKey(ACTIVE, keyId, JWSAlgorithm.RS256.getName(),
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), clock.instant());
        if (MongoWrites.insertIfAbsent(mongo.getCollection(COLLECTION), mapping.document(key))) {
            log.info("Generated token signing key {} and stored it in {}", keyId, COLLECTION);
        }
        // Otherwise another replica stored its key first; everyone uses that one.
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
