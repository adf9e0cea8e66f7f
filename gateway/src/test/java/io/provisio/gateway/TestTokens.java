package io.provisio.gateway;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Plays identity-service's signing side: a test RSA key whose public half the identity stub serves as the
 * JWK set, and tokens shaped like identity's client-credentials tokens. After a rotation identity also
 * publishes the key it signed with before ({@link #jwkSetJsonAfterRotation()}).
 */
final class TestTokens {

    static final String ISSUER = "http://gateway.test";
    static final String AUDIENCE = "provisio-api";
    private static final String KEY_ID = "test-key";

    private final RSAKey signingKey = generate(KEY_ID);
    /** Same key id, different key: what a forger without identity's private key would produce. */
    private final RSAKey forgersKey = generate(KEY_ID);
    /** The key identity signed with before the last rotation. */
    private final RSAKey previousKey = generate("test-key-before-rotation");

    String jwkSetJson() {
        return new JWKSet(signingKey.toPublicJWK()).toString();
    }

    String jwkSetJsonAfterRotation() {
        return new JWKSet(List.of(signingKey.toPublicJWK(), previousKey.toPublicJWK())).toString();
    }

    String forPartner(String partnerId) {
        return sign(signingKey, claims(partnerId, ISSUER).build());
    }

    String withForeignSignature(String partnerId) {
        return sign(forgersKey, claims(partnerId, ISSUER).build());
    }

    String withoutPartner() {
        return sign(signingKey, claims(null, ISSUER).build());
    }

    String fromIssuer(String partnerId, String issuer) {
        return sign(signingKey, claims(partnerId, issuer).build());
    }

    String signedBeforeRotation(String partnerId) {
        return sign(previousKey, claims(partnerId, ISSUER).build());
    }

    /** {@code audience} null: a token without {@code aud}. */
    String forAudience(String partnerId, String audience) {
        return sign(signingKey, claims(partnerId, ISSUER).audience(audience).build());
    }

    /** A forged token naming a key id identity never published. */
    String withUnknownKeyId(String partnerId) {
        return sign(new RSAKey.Builder(forgersKey).keyID(UUID.randomUUID().toString()).build(),
                claims(partnerId, ISSUER).build());
    }

    String expired(String partnerId) {
        Instant past = Instant.now().minusSeconds(3600);
        return sign(signingKey, claims(partnerId, ISSUER)
                .issueTime(Date.from(past.minusSeconds(600)))
                .expirationTime(Date.from(past))
                .build());
    }

    private static JWTClaimsSet.Builder claims(String partnerId, String issuer) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("client-" + partnerId)
                .audience(AUDIENCE)
                .claim("scope", List.of("onboarding", "catalog"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(900)));
        if (partnerId != null) {
            claims.claim("partner_id", partnerId);
        }
        return claims;
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
