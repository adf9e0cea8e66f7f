package io.provisio.identity.staff.signin;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import io.provisio.identity.partner.domain.ApiScope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.provisio.identity.staff.persistence.SignInFailureStore;
import io.provisio.identity.staff.persistence.StaffStore;
import io.provisio.platform.templates.ClasspathTemplates;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * The console's sign-in (ADR 024): the {@code provisio-console} public client, the authorization endpoint's own
 * chain (a signed-in session, else the login page), and the login and sign-out pages' chain. The partner API's and
 * the other authorization-server endpoints' chains are left as they are: stateless, bearer tokens and client
 * secrets only. Only these two chains keep a session: the person's sign-in, which lasts
 * {@code server.servlet.session.timeout}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class StaffSignInConfiguration {

    /** As the activation page's: scripts, styles, requests and forms only from this origin; nothing inline. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    static final String LOGIN = "/login";
    static final String LOGOUT = "/logout";

    /**
     * A public client (no secret: the code is bound to the browser by PKCE, S256 required), authorization code
     * only, no consent screen (it is Provisio's own console), codes sent only to the exact redirect URIs
     * configured, short-lived self-contained tokens and no refresh token (Spring Authorization Server issues none to
     * a public client). The scopes are an API client's: what a staff member may do is what their partner may.
     */
    @Bean
    RegisteredClient consoleClient(ConsoleProperties properties) {
        return RegisteredClient.withId(properties.clientId())
                .clientId(properties.clientId())
                .clientName("Provisio console")
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUris(uris -> uris.addAll(properties.redirectUris()))
                .scope(ApiScope.ONBOARDING.value())
                .scope(ApiScope.CATALOG.value())
                .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
                        .accessTokenTimeToLive(properties.accessTokenTtl())
                        .authorizationCodeTimeToLive(Duration.ofMinutes(1))
                        .build())
                .build();
    }

    /**
     * {@code /oauth2/authorize}, before the other authorization-server endpoints' chain: a request without a
     * signed-in staff member is kept in the session and sent to the login page, which returns to it.
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain consoleAuthorizationSecurity(HttpSecurity http, OAuth2AuthorizationService authorizations,
                                                     RegisteredClientRepository clients, StaffStore staff)
            throws Exception {
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint(LOGIN);
        // "/login", not an absolute URL built from the Host the gateway sent (identity's own address).
        login.setFavorRelativeUris(true);
        http.securityMatcher("/oauth2/authorize")
                .oauth2AuthorizationServer(server -> server
                        .authorizationService(authorizations)
                        .registeredClientRepository(clients))
                .authorizeHttpRequests(a -> a.anyRequest().authenticated())
                // A member disabled (or given another role) since signing in gets no code from the old session.
                .addFilterAfter(new StaffSessionCheck(staff), SecurityContextHolderFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(login));
        return pageHeaders(http).build();
    }

    /** The login page and its form, the sign-out page and its form, and their style sheet. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 2)
    SecurityFilterChain staffSignInSecurity(HttpSecurity http, StaffAuthenticationProvider staff,
                                            ConsoleProperties properties) throws Exception {
        RedirectStrategy relative = StaffSignInConfiguration::redirectToPath;
        SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();
        success.setRedirectStrategy(relative);
        // Signed in without coming from the console (a bookmark of the login page): to the console.
        success.setDefaultTargetUrl(properties.signedOutUrl());
        http.securityMatcher(LOGIN, LOGOUT, "/sign-in/assets/**")
                // Only staff sign in here, with their own manager: nothing else (and no parent) is asked.
                .authenticationManager(new ProviderManager(staff))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .formLogin(form -> form.loginPage(LOGIN)
                        .successHandler(success)
                        .failureHandler((request, response, failure) -> relative.sendRedirect(request, response,
                                failure instanceof LockedException ? LOGIN + "?locked" : LOGIN + "?error")))
                .logout(logout -> logout.logoutUrl(LOGOUT)
                        .logoutSuccessHandler((request, response, authentication) ->
                                relative.sendRedirect(request, response, LOGIN + "?signed-out"))
                        .invalidateHttpSession(true)
                        .clearAuthentication(true)
                        .deleteCookies("JSESSIONID"));
        return pageHeaders(http).build();
    }

    /**
     * Redirects as paths: the browser is at the gateway's origin, and the saved authorization request's URL was
     * built from identity's own address. (DefaultRedirectStrategy's context-relative mode cuts at the first
     * "://", which may be inside the query's {@code redirect_uri}.)
     */
    static void redirectToPath(HttpServletRequest request, HttpServletResponse response, String url)
            throws IOException {
        URI uri = URI.create(url);
        String path = uri.isAbsolute() || uri.getRawAuthority() != null
                ? uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()) : url;
        response.sendRedirect(response.encodeRedirectURL(path));
    }

    private static HttpSecurity pageHeaders(HttpSecurity http) throws Exception {
        return http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    }

    @Bean
    StaffAuthenticationProvider staffAuthenticationProvider(StaffStore staff, SignInFailureStore failures,
                                                            PasswordEncoder passwords, ConsoleProperties properties,
                                                            Clock clock) {
        return new StaffAuthenticationProvider(staff, failures, passwords, properties, clock);
    }

    /** Thymeleaf on {@code templates/signin/*.html} with {@code i18n/signin*.properties}, apart from the activation page's. */
    @Bean
    SignInPages signInPages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("i18n/signin");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new SignInPages(ClasspathTemplates.engine("templates/signin/", ".html", TemplateMode.HTML, messages));
    }
}
