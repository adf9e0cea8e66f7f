package io.provisio.platform.apidocs;

import java.util.List;

import io.provisio.platform.config.PlatformAutoConfiguration;
import io.provisio.platform.security.PartnerId;
import io.provisio.platform.security.SecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.security.OAuthFlow;
import io.swagger.v3.oas.models.security.OAuthFlows;
import io.swagger.v3.oas.models.security.Scopes;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A service's own OpenAPI document at {@code /v3/api-docs} on its API port, for the gateway to merge (ADR 019):
 * open to GET without a token (it holds nothing a partner may not read in the gateway's document), with the
 * problem answers and the partner-token scheme added. The public port is the gateway's, which does not route
 * {@code /v3/api-docs} to any service; it serves the merged document there.
 *
 * <p>After {@link PlatformAutoConfiguration}, so this chain does not count as a service's own
 * {@link SecurityFilterChain} when the platform decides whether to declare its default one.
 */
@AutoConfiguration(after = PlatformAutoConfiguration.class)
@ConditionalOnClass(OpenApiCustomizer.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "springdoc.api-docs.enabled", matchIfMissing = true)
public class ApiDocsAutoConfiguration {

    static {
        // Resolved from the verified token (PartnerIdArgumentResolver), never sent by the client.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(PartnerId.class)
                // A merge-patch body or a free-form answer: any JSON object, not Jackson's node accessors.
                .replaceWithSchema(tools.jackson.databind.JsonNode.class, new ObjectSchema())
                .replaceWithSchema(tools.jackson.databind.node.ObjectNode.class, new ObjectSchema());
    }

    /** Before every API chain (identity's authorization server has the highest precedence, on other paths). */
    @Bean
    @Order(1)
    SecurityFilterChain apiDocsSecurity(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/v3/api-docs", "/v3/api-docs/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.GET).permitAll()
                        .anyRequest().denyAll())
                .build();
    }

    @Bean
    OpenApiCustomizer problemAnswers(Environment environment) {
        return new ProblemAnswers(Binder.get(environment).bind("provisio.api-docs.open-paths",
                String[].class).map(List::of).orElse(List.of()));
    }

    /**
     * springdoc tags each operation with its controller's name ({@code operator-onboarding-controller}); readers
     * see {@code Operator onboarding}. Services' controllers of one name (platform's dead letters) share the tag.
     */
    @Bean
    OpenApiCustomizer readableTags() {
        return openApi -> {
            if (openApi.getPaths() != null) {
                openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                    if (operation.getTags() != null) {
                        operation.setTags(operation.getTags().stream().map(ApiDocsAutoConfiguration::readable)
                                .toList());
                    }
                }));
            }
            if (openApi.getTags() != null) {
                openApi.getTags().forEach(tag -> tag.setName(readable(tag.getName())));
            }
        };
    }

    static String readable(String tag) {
        String words = tag.replaceAll("-controller$", "").replace('-', ' ');
        return words.isEmpty() ? tag : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /**
     * OAuth2 client credentials at the issuer's token endpoint, which is the gateway's (the tokens' issuer is the
     * gateway's public URL). The operations name it ({@link ProblemAnswers}); the gateway's document has the same.
     */
    @Bean
    OpenApiCustomizer partnerTokenScheme(SecurityProperties security) {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSecuritySchemes(ProblemAnswers.PARTNER_TOKEN, partnerToken(security.issuer()));
        };
    }

    static SecurityScheme partnerToken(String issuer) {
        return new SecurityScheme().type(SecurityScheme.Type.OAUTH2)
                .description("OAuth2 client credentials (RFC 6749 section 4.4); the client authenticates with HTTP Basic")
                .flows(new OAuthFlows().clientCredentials(new OAuthFlow()
                        .tokenUrl(issuer.replaceAll("/+$", "") + "/oauth2/token")
                        .scopes(new Scopes()
                                .addString("onboarding", "create and read onboardings, customers, users, contacts, "
                                        + "subscriptions, notifications")
                                .addString("catalog", "read plans and the partner's own inventory")
                                .addString("operator", "platform operator: partners, plans, inventory, dead letters"))));
    }
}
