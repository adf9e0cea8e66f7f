package io.provisio.subscription.security;

import io.provisio.platform.security.PartnerSecurity;
import io.provisio.platform.security.ProblemSecurityHandlers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Replaces the platform's default chain because reading the catalogue and one's own inventory is
 * also open to the {@code catalog} scope (API.md, "Authentication"); everything else under
 * {@code /api} needs {@code onboarding}, operator endpoints {@code operator}.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurityConfiguration {

    @Bean
    SecurityFilterChain subscriptionApiSecurity(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return PartnerSecurity.apply(http, problems)
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/**").permitAll()
                        .requestMatchers("/api/v1/operator/**").hasAuthority("SCOPE_operator")
                        .requestMatchers(HttpMethod.GET, "/api/v1/plans", "/api/v1/inventory")
                        .hasAnyAuthority("SCOPE_catalog", "SCOPE_onboarding")
                        .requestMatchers("/api/**").hasAuthority("SCOPE_onboarding")
                        .anyRequest().denyAll())
                .build();
    }
}
