package io.provisio.platform.apidocs;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.OpenAPI;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The public endpoints a service maps and the ones its OpenAPI document names, each as {@code "GET /api/v1/x/{id}"},
 * so a test can say that they are the same set and the document cannot drift from the code (ADR 019).
 */
public final class DocumentedEndpoints {

    /** The part of a service's mappings that is the public API (API.md); actuator and the rest stay out. */
    public static final String PUBLIC_PREFIX = "/api/";

    private DocumentedEndpoints() {
    }

    /** Every method and path under {@link #PUBLIC_PREFIX} the handler mapping serves. */
    public static Set<String> mapped(RequestMappingHandlerMapping mapping) {
        Set<String> endpoints = new TreeSet<>();
        mapping.getHandlerMethods().keySet().forEach(info -> info.getPatternValues().stream()
                .filter(path -> path.startsWith(PUBLIC_PREFIX))
                .map(DocumentedEndpoints::withoutRegex)
                .forEach(path -> {
                    Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                    if (methods.isEmpty()) {
                        endpoints.add("ANY " + path);
                    }
                    methods.forEach(method -> endpoints.add(method.name() + " " + path));
                }));
        return endpoints;
    }

    /** Every method and path under {@link #PUBLIC_PREFIX} an OpenAPI document (JSON) names. */
    public static Set<String> documented(String openApiJson) {
        OpenAPI openApi;
        try {
            openApi = Json31.mapper().readValue(openApiJson, OpenAPI.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not an OpenAPI document: " + e.getOriginalMessage(), e);
        }
        Set<String> endpoints = new TreeSet<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().keySet().stream()
                    .filter(method -> path.startsWith(PUBLIC_PREFIX))
                    .forEach(method -> endpoints.add(method.name().toUpperCase(Locale.ROOT) + " " + path)));
        }
        return endpoints;
    }

    /** {@code /x/{id:[a-z]+}} is documented as {@code /x/{id}}. */
    static String withoutRegex(String path) {
        return path.replaceAll("\\{([^}:]+):[^}]*}", "{$1}");
    }
}
