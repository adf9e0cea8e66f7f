package io.provisio.identity;

import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Every IT's identity-service runs as if one rotation had happened: this key, generated per test JVM, is
 * configured as the previous signing key (ADR 009), so a test can sign a token "from before the rotation"
 * and see it accepted. The current key is the generated one in MongoDB, as in the local run.
 */
public final class RotatedOutSigningKey implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final RSAKey KEY = generate();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        try {
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEY.toPrivateKey().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("rotated-out-signing-key",
                    Map.of("provisio.identity.signing.previous-key-pem", pem,
                            "provisio.identity.signing.previous-key-id", KEY.getKeyID())));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID("rotated-out-test-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
