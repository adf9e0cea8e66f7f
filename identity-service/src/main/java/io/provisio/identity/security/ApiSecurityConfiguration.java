package io.provisio.identity.security;

import java.time.Clock;
import java.time.Duration;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.provisio.platform.security.PartnerSecurity;
import io.provisio.platform.security.StaffRoles;
import io.provisio.platform.security.PartnerTokens;
import io.provisio.platform.security.ProblemSecurityHandlers;
import io.provisio.platform.security.SecurityProperties;
import io.provisio.platform.security.VerifiedTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything that is not an authorization-server endpoint: the partner API with the platform's
 * rules, actuator open (it is served on the management port only).
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return PartnerSecurity.apply(http, problems)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/**").permitAll()
                        // The activation link's target: its one-time token is the credential.
                        .requestMatchers(HttpMethod.POST, "/api/v1/activation").permitAll()
                        // OIDC discovery is routed by the gateway; without OIDC enabled it answers 404, not 401 (ADR 019).
                        .requestMatchers(HttpMethod.GET, "/.well-known/openid-configuration").permitAll()
                        .requestMatchers("/api/v1/operator/**").hasAuthority("SCOPE_operator")
                        .requestMatchers(StaffRoles.ADMIN_PATHS.toArray(String[]::new)).access(StaffRoles.partnerAdmin())
                        .requestMatchers("/api/v1/customers/**").hasAuthority("SCOPE_onboarding")
                        .anyRequest().denyAll())
                .build();
    }

    /**
     * Verifies tokens against the keys in this process (the signing key and the previous one) instead of
     * fetching our own JWK set over HTTP; otherwise the same checks as every other service
     * (PlatformAutoConfiguration): signature, expiry, issuer, audience, and a partner id.
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys, SecurityProperties properties, Clock clock) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(keys).build();
        decoder.setJwtValidator(PartnerTokens.validator(properties.issuer(), properties.audience()));
        return new VerifiedTokens(decoder, clock, Duration.ofMinutes(5), 10_000);
    }
}
