package io.provisio.identity.user.page;

import io.provisio.platform.templates.ClasspathTemplates;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * The page's own security chain and its template engine. The chain comes before the partner API's: the page has no
 * bearer token (the link's token is the credential, in the form), so nothing here authenticates; it only sets the
 * headers a page carrying a secret in its URL needs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActivationPageProperties.class)
class ActivationPageConfiguration {

    /**
     * Scripts, styles and requests only from this origin, no inline script or style, no plug-ins, not framed,
     * forms only to this origin. The gateway sets the same value (its route filters), so the page keeps it behind
     * any edge.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain activationPageSecurity(HttpSecurity http) throws Exception {
        return http
                // The setup page (ADR 023) is the same kind of page: the link's token is its credential.
                .securityMatcher("/activate", "/activate/**", "/setup", "/setup/**")
                // No session and no cookie: a CSRF token would protect nothing, since a forged form would need the
                // link's 256-bit token, which is the credential itself.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .frameOptions(frame -> frame.deny())
                        // The token is in the page's URL: no link, script or style request may carry it away.
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        // Spring Security's default: no-cache, no-store, max-age=0, must-revalidate.
                        .cacheControl(cache -> { }))
                .build();
    }

    /**
     * Thymeleaf on {@code templates/page/*.html} with the messages of {@code i18n/activation*.properties}, rendered
     * by the controller into its answer, so each page's status and headers are the controller's to say (as
     * notification-service renders its mails).
     */
    @Bean
    PageTemplates pageTemplates(MessageSource messages) {
        return new PageTemplates(ClasspathTemplates.engine("templates/page/", ".html", TemplateMode.HTML, messages));
    }
}
