package io.provisio.platform.security;

import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * The resource-server settings every service's API chain shares: stateless, JWT bearer tokens,
 * problem+json for 401/403. A service adds its own authorization rules on top.
 */
public final class PartnerSecurity {

    private PartnerSecurity() {
    }

    public static HttpSecurity apply(HttpSecurity http, ProblemSecurityHandlers problems) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(rs -> rs
                        .jwt(Customizer.withDefaults())
                        .bearerTokenResolver(AuthorizationHeaders.BEARER_TOKENS)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems)
                        // The filter's own failure handler rethrows AuthenticationServiceException (keys not
                        // fetchable), which became a 500; ours answers it 503.
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(problems);
                                return filter;
                            }
                        }));
    }
}
