package io.provisio.customer.onboarding.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request examples of {@code POST /api/v1/onboardings} in the OpenAPI document: docs/examples' requests,
 * modelled on the Swedish, Italian, German and Dutch partner portals, copied onto the class path by the build.
 */
@Configuration(proxyBeanMethods = false)
class OnboardingApiDocs {

    static final String PATH = "/api/v1/onboardings";

    /** File (under {@code openapi/examples/}) and what it shows. */
    static final Map<String, String> EXAMPLES = examples();

    private static Map<String, String> examples() {
        Map<String, String> examples = new LinkedHashMap<>();
        examples.put("onboarding-sv-cortex.json", "Swedish customer with a hosted-services bundle and an activation "
                + "link instead of a password");
        examples.put("onboarding-it-licensing.json", "Italian customer whose licences and welcome e-mail start later");
        examples.put("onboarding-de-subtenant.json", "German sub-tenant under a master customer, password given, "
                + "no plans");
        examples.put("onboarding-nl-invalid.json", "Dutch request with a mistake in almost every field: every one "
                + "comes back in one 400 VALIDATION_FAILED, and nothing is created");
        return examples;
    }

    @Bean
    OpenApiCustomizer onboardingExamples(JsonMapper json) {
        Map<String, Example> examples = new LinkedHashMap<>();
        EXAMPLES.forEach((file, summary) -> examples.put(file.replace(".json", ""),
                new Example().summary(summary).value(read(json, file))));
        return openApi -> {
            PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(PATH);
            Operation start = item == null ? null : item.getPost();
            if (start == null || start.getRequestBody() == null || start.getRequestBody().getContent() == null) {
                return;
            }
            MediaType body = start.getRequestBody().getContent().get("application/json");
            if (body != null) {
                body.setExamples(new LinkedHashMap<>(examples));
            }
        };
    }

    private static Object read(JsonMapper json, String file) {
        try (InputStream in = new ClassPathResource("openapi/examples/" + file).getInputStream()) {
            return json.readValue(in, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the build copies docs/examples/" + file + " onto the class path", e);
        }
    }
}
