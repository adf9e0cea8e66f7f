package io.provisio.gateway.apidocs;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * Merges the services' documents into one with swagger-core's model: every path and operation, and the
 * components they refer to. Operations the target has already (the gateway's own, or an earlier service's for a
 * path several services serve alike, such as a dead-letter queue's) are kept. Two services naming different schemas
 * alike (each its own {@code Page}, say) would make one refer to the other's: the later one's is renamed with the
 * service's name in front ({@code IdentityPage}), and every {@code $ref} to it in that service's document with it.
 */
final class DocumentMerge {

    private static final String SCHEMA_REF = "#/components/schemas/";

    private DocumentMerge() {
    }

    /** Adds a copy of {@code source}, the document of {@code service}, to {@code target}; the source is unchanged. */
    static void add(OpenAPI target, String service, OpenAPI source) {
        OpenAPI document = withoutClashes(target, service, copy(source));
        if (target.getComponents() == null) {
            target.setComponents(new Components());
        }
        Components into = target.getComponents();
        Components from = document.getComponents() == null ? new Components() : document.getComponents();
        putAbsent(from.getSchemas(), into.getSchemas(), into::addSchemas);
        putAbsent(from.getResponses(), into.getResponses(), into::addResponses);
        putAbsent(from.getParameters(), into.getParameters(), into::addParameters);
        putAbsent(from.getExamples(), into.getExamples(), into::addExamples);
        putAbsent(from.getRequestBodies(), into.getRequestBodies(), into::addRequestBodies);
        putAbsent(from.getHeaders(), into.getHeaders(), into::addHeaders);
        putAbsent(from.getSecuritySchemes(), into.getSecuritySchemes(), into::addSecuritySchemes);
        if (document.getPaths() != null) {
            if (target.getPaths() == null) {
                target.setPaths(new Paths());
            }
            Set<String> operationIds = operationIds(target);
            document.getPaths().forEach((path, item) -> {
                PathItem existing = target.getPaths().get(path);
                if (existing == null) {
                    existing = new PathItem().summary(item.getSummary()).description(item.getDescription())
                            .parameters(item.getParameters()).servers(item.getServers());
                    target.getPaths().addPathItem(path, existing);
                }
                Map<PathItem.HttpMethod, Operation> have = existing.readOperationsMap();
                for (Map.Entry<PathItem.HttpMethod, Operation> operation : item.readOperationsMap().entrySet()) {
                    if (!have.containsKey(operation.getKey())) {
                        existing.operation(operation.getKey(), unique(operation.getValue(), service, operationIds));
                    }
                }
            });
        }
        if (document.getTags() != null) {
            Set<String> names = new HashSet<>();
            if (target.getTags() != null) {
                target.getTags().forEach(tag -> names.add(tag.getName()));
            }
            for (Tag tag : document.getTags()) {
                if (names.add(tag.getName())) {
                    target.addTagsItem(tag);
                }
            }
        }
    }

    /**
     * Operation ids must be unique in a document; each service's are unique in its own only ({@code list},
     * {@code get}). A clashing one gets the service's name in front ({@code notificationList}).
     */
    private static Operation unique(Operation operation, String service, Set<String> operationIds) {
        String id = operation.getOperationId();
        if (id != null && !operationIds.add(id)) {
            String unique = service + Character.toUpperCase(id.charAt(0)) + id.substring(1);
            for (int n = 2; !operationIds.add(unique); n++) {
                unique = service + Character.toUpperCase(id.charAt(0)) + id.substring(1) + "_" + n;
            }
            operation.setOperationId(unique);
        }
        return operation;
    }

    private static Set<String> operationIds(OpenAPI document) {
        Set<String> ids = new HashSet<>();
        if (document.getPaths() != null) {
            document.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
                if (operation.getOperationId() != null) {
                    ids.add(operation.getOperationId());
                }
            }));
        }
        return ids;
    }

    private static <T> void putAbsent(Map<String, T> from, Map<String, T> into, BiConsumer<String, T> add) {
        if (from != null) {
            from.forEach((name, value) -> {
                if (into == null || !into.containsKey(name)) {
                    add.accept(name, value);
                }
            });
        }
    }

    private static OpenAPI copy(OpenAPI source) {
        try {
            return Json31.mapper().treeToValue(Json31.mapper().valueToTree(source), OpenAPI.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not copy a service's document", e);
        }
    }

    /** {@code source}, or a copy whose schemas that clash with the target's are renamed. */
    static OpenAPI withoutClashes(OpenAPI target, String service, OpenAPI source) {
        Map<String, Schema> have = target.getComponents() == null || target.getComponents().getSchemas() == null
                ? Map.of() : target.getComponents().getSchemas();
        Map<String, Schema> theirs = source.getComponents() == null || source.getComponents().getSchemas() == null
                ? Map.of() : source.getComponents().getSchemas();
        Map<String, String> renamed = new LinkedHashMap<>();
        String prefix = Character.toUpperCase(service.charAt(0)) + service.substring(1);
        theirs.forEach((name, schema) -> {
            if (have.containsKey(name) && !same(have.get(name), schema)) {
                String rename = prefix + name;
                for (int n = 2; have.containsKey(rename) || theirs.containsKey(rename); n++) {
                    rename = prefix + name + n;
                }
                renamed.put(name, rename);
            }
        });
        if (renamed.isEmpty()) {
            return source;
        }
        JsonNode tree = Json31.mapper().valueToTree(source);
        rewriteRefs(tree, ref -> ref.startsWith(SCHEMA_REF) && renamed.containsKey(ref.substring(SCHEMA_REF.length()))
                ? SCHEMA_REF + renamed.get(ref.substring(SCHEMA_REF.length())) : ref);
        ObjectNode schemas = (ObjectNode) tree.path("components").path("schemas");
        renamed.forEach((from, to) -> schemas.set(to, schemas.remove(from)));
        try {
            return Json31.mapper().treeToValue(tree, OpenAPI.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("could not rename the schemas of " + service + "'s document", e);
        }
    }

    private static boolean same(Schema<?> one, Schema<?> other) {
        return Json31.mapper().valueToTree(one).equals(Json31.mapper().valueToTree(other));
    }

    private static void rewriteRefs(JsonNode node, Function<String, String> rewrite) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual()) {
                object.set("$ref", TextNode.valueOf(rewrite.apply(ref.asText())));
            }
            object.elements().forEachRemaining(child -> rewriteRefs(child, rewrite));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> rewriteRefs(child, rewrite));
        }
    }
}
