package io.provisio.gateway.security;

import java.time.Clock;
import java.time.Duration;

import io.provisio.gateway.config.GatewayProperties;
import io.provisio.gateway.problem.ProblemResponses;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import io.provisio.gateway.apidocs.ApiDocsPaths;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Who may pass the gateway. Only authentication happens here; which scope a call needs is each
 * service's decision, since every service validates the relayed token again (ARCHITECTURE.md, "Security").
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class EdgeSecurityConfiguration {

    /** The claim that names the partner a token speaks for; the services scope every read and write by it. */
    static final String PARTNER_CLAIM = "partner_id";

    @Bean
    ProblemSecurityHandlers problemSecurityHandlers(ProblemResponses problems) {
        return new ProblemSecurityHandlers(problems);
    }

    /**
     * Validates signature (against identity's published keys, {@link PublishedKeys}: the current and the
     * previous one, refetched at most twice per {@code provisio.security.jwk-set-refetch-interval}), expiry,
     * issuer, audience, and that the token names a partner. A token verified once is trusted until it
     * expires, for at most five minutes ({@link VerifiedTokens}).
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(GatewayProperties properties, TokenProperties tokens) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder
                .withJwkSource(PublishedKeys.at(properties.jwkSetUri(), tokens.jwkSetRefetchInterval()))
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                new JwtAudienceValidator(tokens.audience()),
                new JwtClaimValidator<Object>(PARTNER_CLAIM,
                        partner -> partner instanceof String value && !value.isBlank())));
        return new VerifiedTokens(decoder, Clock.systemUTC(), Duration.ofMinutes(5), 10_000);
    }

    /** No observation around every security filter: nobody reads them, and each request paid for them. */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Spring's strict firewall, checking header values with a loop instead of a regular expression (the same
     * rule), as the bearer token is read ({@link AuthorizationHeaders}).
     */
    @Bean
    ServerWebExchangeFirewall firewall() {
        return AuthorizationHeaders.firewall();
    }

    @Bean
    SecurityWebFilterChain edgeSecurity(ServerHttpSecurity http, ProblemSecurityHandlers problems) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                // Stateless: every call carries its token, nothing is kept between calls.
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .authorizeExchange(authorize -> authorize
                        // The token endpoint authenticates clients itself (HTTP Basic); the activation link has no token.
                        .pathMatchers("/oauth2/**", "/api/v1/activation").permitAll()
                        // The activation and setup pages and their assets: a person with the e-mail's link, no token
                        // (ADR 018, ADR 023).
                        .pathMatchers("/activate", "/activate/**", "/setup", "/setup/**").permitAll()
                        // The partner console's page and files, and its staff's sign-in and sign-out pages at identity
                        // (the authorization endpoint is under /oauth2/**): no bearer token; the console's API calls
                        // carry one (ADR 024).
                        .pathMatchers("/console", "/console/**", "/login", "/logout", "/sign-in/assets/**").permitAll()
                        // Discovery (RFC 8414 and OpenID Connect's configuration): public by definition.
                        .pathMatchers(HttpMethod.GET, "/.well-known/oauth-authorization-server",
                                "/.well-known/openid-configuration").permitAll()
                        // The OpenAPI document and Swagger UI (ADR 019); springdoc's own document stays closed.
                        .pathMatchers(HttpMethod.GET, ApiDocsPaths.PUBLIC).permitAll()
                        // Only served on the management port; the public port has no route for it.
                        .pathMatchers("/actuator/**").permitAll()
                        .pathMatchers("/api/**", "/userinfo").authenticated()
                        .anyExchange().denyAll())
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(rs -> rs
                        .jwt(Customizer.withDefaults())
                        .bearerTokenConverter(AuthorizationHeaders.BEARER_TOKENS)
                        .authenticationEntryPoint(problems)
                        .authenticationFailureHandler(problems)
                        .accessDeniedHandler(problems))
                .build();
    }
}
