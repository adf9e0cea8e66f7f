package io.provisio.platform.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param jwkSetUri where identity-service publishes its signing keys (fetched lazily, cached)
 * @param issuer    the {@code iss} every accepted token must carry
 */
@ConfigurationProperties("provisio.security")
public record SecurityProperties(
        @DefaultValue("http://localhost:8082/oauth2/jwks") String jwkSetUri,
        @DefaultValue("http://localhost:8080") String issuer) {
}
