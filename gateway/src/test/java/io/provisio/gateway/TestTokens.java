package io.provisio.gateway;

import java.time.Instant;
import java.util.Date;
import java.util.List;

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
 * JWK set, and tokens shaped like identity's client-credentials tokens.
 */
final class TestTokens {

    static final String ISSUER = "http://gateway.test";
    private static final String KEY_ID = "test-key";

    private final RSAKey signingKey = generate();
    /** Same key id, different key: what a forger without identity's private key would produce. */
    private final RSAKey forgersKey = generate();

    String jwkSetJson() {
        return new JWKSet(signingKey.toPublicJWK()).toString();
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
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(KEY_ID).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
