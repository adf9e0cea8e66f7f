package io.provisio.platform.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The services' token checks against a stand-in for identity's key set endpoint that counts its requests:
 * audience, a rotated-out key that still verifies, and no refetch storm for made-up key ids (ADR 009).
 */
class PartnerTokensTest {

    private static final String ISSUER = "http://gateway.test";
    private static final String AUDIENCE = "provisio-api";

    private final RSAKey current = generate("key-2026-12");
    private final RSAKey previous = generate("key-2026-06");
    private final AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(List.of(
            current.toPublicJWK(), previous.toPublicJWK())));
    private final AtomicInteger fetches = new AtomicInteger();
    private final HttpServer identity = serveKeys();

    @AfterEach
    void stopIdentity() {
        identity.stop(0);
    }

    @Test
    void acceptsTokenForOurAudience() {
        assertThat(decoder(Duration.ofMinutes(1)).decode(token(current, AUDIENCE)).getClaimAsString("partner_id"))
                .isEqualTo("nordic-it");
    }

    @Test
    void refusesTokenWithoutAudience() {
        assertThatExceptionOfType(BadJwtException.class)
                .isThrownBy(() -> decoder(Duration.ofMinutes(1)).decode(token(current, null)))
                .withMessageContaining("aud");
    }

    @Test
    void refusesTokenForAnotherAudience() {
        assertThatExceptionOfType(BadJwtException.class)
                .isThrownBy(() -> decoder(Duration.ofMinutes(1)).decode(token(current, "billing-api")))
                .withMessageContaining("aud");
    }

    @Test
    void acceptsTokenSignedWithThePreviousKeyAfterRotation() {
        assertThat(decoder(Duration.ofMinutes(1)).decode(token(previous, AUDIENCE)).getClaimAsString("partner_id"))
                .isEqualTo("nordic-it");
    }

    @Test
    void picksUpANewlyPublishedKeyByItsKeyId() {
        published.set(new JWKSet(previous.toPublicJWK()));
        JwtDecoder decoder = decoder(Duration.ofMinutes(1));
        decoder.decode(token(previous, AUDIENCE));

        // identity rotated: the new key id is unknown to the cached set, which is fetched again for it.
        published.set(new JWKSet(List.of(current.toPublicJWK(), previous.toPublicJWK())));

        assertThat(decoder.decode(token(current, AUDIENCE)).getClaimAsString("partner_id")).isEqualTo("nordic-it");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void refetchesTheKeySetAtMostTwicePerIntervalWhateverKeyIdsTokensClaim() {
        JwtDecoder decoder = decoder(Duration.ofMinutes(1));

        RSAKey forgersKey = generate("forger");
        for (int i = 0; i < 50; i++) {
            RSAKey forged = new RSAKey.Builder(forgersKey).keyID(UUID.randomUUID().toString()).build();
            assertThatExceptionOfType(BadJwtException.class).isThrownBy(() -> decoder.decode(token(forged, AUDIENCE)));
        }

        assertThat(fetches.get()).isBetween(1, 2);
        // Genuine tokens keep working from the cached set meanwhile.
        assertThat(decoder.decode(token(current, AUDIENCE)).getClaimAsString("partner_id")).isEqualTo("nordic-it");
    }

    @Test
    void aKeySetThatCannotBeFetchedIsTheServicesTroubleNotTheTokens() {
        JwtDecoder decoder = decoder(Duration.ofMinutes(1));
        identity.stop(0);

        // A JwtException that is no BadJwtException: Spring Security makes it an AuthenticationServiceException,
        // which ProblemSecurityHandlers answers 503 (a 401 would tell the client its token is bad).
        assertThatExceptionOfType(org.springframework.security.oauth2.jwt.JwtException.class)
                .isThrownBy(() -> decoder.decode(token(current, AUDIENCE)))
                .isNotInstanceOf(BadJwtException.class);
    }

    private JwtDecoder decoder(Duration minRefetchInterval) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(PublishedKeys.at(
                "http://127.0.0.1:" + identity.getAddress().getPort() + "/oauth2/jwks", minRefetchInterval)).build();
        decoder.setJwtValidator(PartnerTokens.validator(ISSUER, AUDIENCE));
        return decoder;
    }

    private HttpServer serveKeys() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/oauth2/jwks", exchange -> {
                fetches.incrementAndGet();
                byte[] body = published.get().toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(RSAKey key, String audience) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("nordic-it-api")
                .claim("partner_id", "nordic-it")
                .claim("scope", List.of("onboarding"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)));
        if (audience != null) {
            claims.audience(audience);
        }
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
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
