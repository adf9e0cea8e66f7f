package io.provisio.identity.token;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;

import com.nimbusds.jose.jwk.JWK;
import io.provisio.identity.IdentityProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SigningKeyProviderTest {

    private final KeyPair current = generate();
    private final KeyPair previous = generate();

    @Test
    void readsConfiguredPkcs8Key() throws Exception {
        var key = provider(signing(privatePem(current), "prod-2026-01", null, null)).signingKey();

        assertThat(key.getKeyID()).isEqualTo("prod-2026-01");
        assertThat(key.toRSAPublicKey()).isEqualTo(current.getPublic());
        assertThat(key.isPrivate()).isTrue();
    }

    @Test
    void verifiesWithTheSigningKeyAloneBeforeAnyRotation() {
        assertThat(provider(signing(privatePem(current), "prod-2026-01", null, null)).verificationKeys())
                .extracting(JWK::getKeyID).containsExactly("prod-2026-01");
    }

    @Test
    void keepsThePreviousKeyAfterRotationForVerificationOnly() throws Exception {
        SigningKeyProvider keys = provider(signing(privatePem(current), "prod-2026-12",
                privatePem(previous), "prod-2026-06"));

        assertThat(keys.signingKey().getKeyID()).isEqualTo("prod-2026-12");
        assertThat(keys.verificationKeys()).extracting(JWK::getKeyID).containsExactly("prod-2026-12", "prod-2026-06");
        JWK rotatedOut = keys.verificationKeys().get(1);
        assertThat(rotatedOut.isPrivate()).as("the previous key signs nothing any more").isFalse();
        assertThat(rotatedOut.toRSAKey().toRSAPublicKey()).isEqualTo(previous.getPublic());
    }

    @Test
    void acceptsOnlyThePublicHalfOfThePreviousKey() throws Exception {
        String publicPem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(previous.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";

        JWK rotatedOut = provider(signing(privatePem(current), "prod-2026-12", publicPem, "prod-2026-06"))
                .verificationKeys().get(1);

        assertThat(rotatedOut.getKeyID()).isEqualTo("prod-2026-06");
        assertThat(rotatedOut.toRSAKey().toRSAPublicKey()).isEqualTo(previous.getPublic());
    }

    @Test
    void refusesPreviousKeyWithTheSigningKeysId() {
        assertThatIllegalStateException()
                .isThrownBy(() -> provider(signing(privatePem(current), "prod-2026-12",
                        privatePem(previous), "prod-2026-12")).verificationKeys())
                .withMessageContaining("previous-key-id");
    }

    @Test
    void refusesPreviousKeyWithoutKeyId() {
        assertThatIllegalStateException()
                .isThrownBy(() -> provider(signing(privatePem(current), "prod-2026-12", privatePem(previous), ""))
                        .verificationKeys())
                .withMessageContaining("previous-key-id");
    }

    @Test
    void refusesMalformedPreviousKeyWithoutEchoingIt() {
        assertThatIllegalStateException()
                .isThrownBy(() -> provider(signing(privatePem(current), "prod-2026-12",
                        "-----BEGIN PUBLIC KEY-----\nc2VjcmV0LWJ1dC1ub3QtYS1rZXk=\n-----END PUBLIC KEY-----",
                        "prod-2026-06")).verificationKeys())
                .withMessageContaining("previous-key-pem")
                .withMessageNotContaining("c2VjcmV0");
    }

    @Test
    void refusesToStartWithoutAnyKey() {
        assertThatIllegalStateException()
                .isThrownBy(() -> provider(signing(null, null, null, null)).signingKey())
                .withMessageContaining("provisio.identity.signing.private-key-pem")
                .withMessageContaining("generate-if-missing");
    }

    @Test
    void refusesConfiguredKeyWithoutKeyId() {
        assertThatIllegalStateException()
                .isThrownBy(() -> provider(signing("-----BEGIN PRIVATE KEY-----", " ", null, null)).signingKey())
                .withMessageContaining("key-id");
    }

    @Test
    void refusesMalformedKeyWithoutEchoingIt() {
        assertThatIllegalStateException()
                .isThrownBy(() -> provider(signing(
                        "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ1dC1ub3QtYS1rZXk=\n-----END PRIVATE KEY-----", "k1",
                        null, null)).signingKey())
                .withMessageNotContaining("c2VjcmV0");
    }

    private static IdentityProperties.Signing signing(String pem, String keyId, String previousPem,
                                                      String previousKeyId) {
        return new IdentityProperties.Signing(pem, keyId, previousPem, previousKeyId, false);
    }

    private static SigningKeyProvider provider(IdentityProperties.Signing signing) {
        // No database is touched unless a key must be generated.
        return new SigningKeyProvider(null, signing, Clock.systemUTC());
    }

    private static String privatePem(KeyPair pair) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
