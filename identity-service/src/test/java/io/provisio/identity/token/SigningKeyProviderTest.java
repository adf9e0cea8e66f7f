package io.provisio.identity.token;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Base64;

import io.provisio.identity.IdentityProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SigningKeyProviderTest {

    @Test
    void readsConfiguredPkcs8Key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

        var key = provider(new IdentityProperties.Signing(pem, "prod-2026-01", false)).signingKey();

        assertThat(key.getKeyID()).isEqualTo("prod-2026-01");
        assertThat(key.toRSAPublicKey()).isEqualTo(pair.getPublic());
        assertThat(key.isPrivate()).isTrue();
    }

    @Test
    void refusesToStartWithoutAnyKey() {
        assertThatIllegalStateException()
                .isThrownBy(() -> provider(new IdentityProperties.Signing(null, null, false)).signingKey())
                .withMessageContaining("provisio.identity.signing.private-key-pem")
                .withMessageContaining("generate-if-missing");
    }

    @Test
    void refusesConfiguredKeyWithoutKeyId() {
        assertThatIllegalStateException()
                .isThrownBy(() -> provider(new IdentityProperties.Signing("-----BEGIN PRIVATE KEY-----", " ", false))
                        .signingKey())
                .withMessageContaining("key-id");
    }

    @Test
    void refusesMalformedKeyWithoutEchoingIt() {
        assertThatIllegalStateException()
                .isThrownBy(() -> provider(new IdentityProperties.Signing(
                        "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ1dC1ub3QtYS1rZXk=\n-----END PRIVATE KEY-----", "k1",
                        false)).signingKey())
                .withMessageNotContaining("c2VjcmV0");
    }

    private static SigningKeyProvider provider(IdentityProperties.Signing signing) {
        // No database is touched unless a key must be generated.
        return new SigningKeyProvider(null, signing, Clock.systemUTC());
    }
}
