package io.provisio.identity.token;

import java.time.Clock;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.provisio.identity.IdentityProperties;
import io.provisio.identity.partner.application.PartnerRegistry;
import io.provisio.platform.security.SecurityProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The authorization server: {@code /oauth2/token} (client credentials, client authenticated by
 * HTTP Basic or form post; the console's authorization code with PKCE, ADR 024), {@code /oauth2/jwks}, the
 * RFC 8414 metadata and, with OpenID Connect on, {@code /.well-known/openid-configuration} and {@code /userinfo}. The issuer comes from {@code spring.security.oauth2.authorizationserver.issuer} (Boot builds
 * the settings from it); the clients from {@link #registeredClients}: the console's and the partners' API clients.
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    /**
     * Every endpoint but the authorization endpoint, which the console's chain serves first (ADR 024): stateless,
     * the client authenticates on every request.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityFilterChain authorizationServerSecurity(HttpSecurity http, OAuth2AuthorizationService authorizations,
                                                    RegisteredClientRepository clients) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.authorizationService(authorizations)
                            .registeredClientRepository(clients)
                            .tokenEndpoint(token -> token.authenticationProviders(
                                    providers -> providers.replaceAll(RegisteredScopesByDefault::wrap)))
                            // OpenID Connect 1.0 now that people sign in (the console, ADR 024): discovery at
                            // /.well-known/openid-configuration and the UserInfo endpoint; no dynamic registration.
                            .oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                // UserInfo takes the access token as a bearer token, checked like the API's (ApiSecurityConfiguration).
                .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        return http.build();
    }

    /** Client secrets are stored as {@code {bcrypt}} (the default) or any other encoding it knows. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SigningKeyProvider signingKeyProvider(MongoTemplate mongo, IdentityProperties properties, Clock clock) {
        return new SigningKeyProvider(mongo, properties.signing(), clock);
    }

    /**
     * The keys tokens are verified with: published at {@code /oauth2/jwks} (public halves only) and used by
     * this service's own API. The signing key and, after a rotation, the previous one (ADR 009). Resolved
     * once at start-up: a missing or malformed key stops the start instead of the first token request.
     */
    @Bean
    JWKSource<SecurityContext> jwkSource(SigningKeyProvider keys) {
        return new ImmutableJWKSet<>(new JWKSet(keys.verificationKeys()));
    }

    /**
     * Signs with the current key only. Spring Authorization Server would otherwise build its encoder on the
     * published set above, and with two RS256 keys in it cannot tell which one to sign with.
     */
    @Bean
    JwtEncoder jwtEncoder(SigningKeyProvider keys) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(keys.signingKey())));
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> partnerClaims(PartnerRegistry partners, SecurityProperties security) {
        return new PartnerClaims(partners, security.audience());
    }

    @Bean
    OAuth2AuthorizationService authorizationService(MongoTemplate mongo) {
        return new CodeAuthorizations(mongo);
    }

    /**
     * The clients both authorization-server chains are given: the console's public client and the partners' API
     * clients. {@code @Primary}, so whoever asks for the interface gets both and not the partners' store
     * ({@code apiClientStore}) alone.
     */
    @Bean
    @Primary
    RegisteredClientRepository registeredClients(RegisteredClient consoleClient,
                                                 @Qualifier("apiClientStore") RegisteredClientRepository apiClients) {
        return new ConsoleAndApiClients(consoleClient, apiClients);
    }
}
