package io.provisio.gateway.apidocs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import org.junit.jupiter.api.Test;

/** Merging the services' documents with swagger-core's model (ADR 019). */
class DocumentMergeTest {

    /** A service's document: one GET per path with the operation id, answering the named schema. */
    private static OpenAPI document(String schema, String schemaBody, String... pathsAndIds) {
        StringBuilder paths = new StringBuilder();
        for (int i = 0; i < pathsAndIds.length; i += 2) {
            paths.append(i == 0 ? "" : ",").append('"').append(pathsAndIds[i]).append("\":{\"get\":{\"operationId\":\"")
                    .append(pathsAndIds[i + 1]).append("\",\"responses\":{\"200\":{\"description\":\"ok\",\"content\":"
                            + "{\"application/json\":{\"schema\":{\"$ref\":\"#/components/schemas/").append(schema)
                    .append("\"}}}}}}}");
        }
        return ServiceDocuments.parse("{\"openapi\":\"3.1.0\",\"info\":{\"title\":\"s\",\"version\":\"1\"},"
                + "\"paths\":{" + paths + "},\"components\":{\"schemas\":{\"" + schema + "\":" + schemaBody + "}}}");
    }

    @Test
    void operationIdsStayUniqueAcrossServicesAndTheSourcesAreLeftAlone() {
        OpenAPI customer = document("View", "{\"type\":\"object\"}", "/api/v1/customers", "list");
        OpenAPI notification = document("View", "{\"type\":\"object\"}", "/api/v1/customers/{id}/notifications", "list",
                "/api/v1/customers/{id}/notifications/{nid}", "get");
        Map<String, OpenAPI> documents = new LinkedHashMap<>();
        documents.put("customer", customer);
        documents.put("notification", notification);

        OpenAPI merged = MergedDocument.build("http://gw", documents, Set.of(), Set.of());

        assertThat(merged.getPaths().get("/api/v1/customers").getGet().getOperationId()).isEqualTo("list");
        assertThat(merged.getPaths().get("/api/v1/customers/{id}/notifications").getGet().getOperationId())
                .isEqualTo("notificationList");
        assertThat(merged.getPaths().get("/api/v1/customers/{id}/notifications/{nid}").getGet().getOperationId())
                .isEqualTo("get");
        assertThat(notification.getPaths().get("/api/v1/customers/{id}/notifications").getGet().getOperationId())
                .as("the service's own copy, merged again at the next refresh").isEqualTo("list");
        // Merging again from the same copies gives the same document.
        assertThat(MergedDocument.json(MergedDocument.build("http://gw", documents, Set.of(), Set.of())))
                .isEqualTo(MergedDocument.json(merged));
    }

    @Test
    void aSchemaOfTheSameNameButAnotherShapeIsRenamedWithItsReferences() {
        OpenAPI customer = document("Page", "{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\"}}}",
                "/api/v1/onboardings", "onboardings");
        OpenAPI identity = document("Page", "{\"type\":\"object\",\"properties\":{\"users\":{\"type\":\"array\"}}}",
                "/api/v1/customers/{id}/users", "users");
        OpenAPI subscription = document("Page", "{\"type\":\"object\",\"properties\":{\"items\":{\"type\":\"array\"}}}",
                "/api/v1/plans", "plans");

        OpenAPI merged = new OpenAPI();
        DocumentMerge.add(merged, "customer", customer);
        DocumentMerge.add(merged, "identity", identity);
        DocumentMerge.add(merged, "subscription", subscription);

        assertThat(merged.getComponents().getSchemas()).containsOnlyKeys("Page", "IdentityPage");
        assertThat(ref(merged, "/api/v1/customers/{id}/users")).isEqualTo("#/components/schemas/IdentityPage");
        assertThat(ref(merged, "/api/v1/plans")).as("the same shape keeps the name").isEqualTo("#/components/schemas/Page");
        assertThat(ref(identity, "/api/v1/customers/{id}/users")).isEqualTo("#/components/schemas/Page");
    }

    @Test
    void theFirstServiceToDocumentAnOperationKeepsIt() {
        OpenAPI customer = document("Q", "{\"type\":\"object\"}", "/api/v1/operator/dead-letters/{queue}", "queue");
        OpenAPI identity = document("Q", "{\"type\":\"object\"}", "/api/v1/operator/dead-letters/{queue}", "queue");
        identity.getPaths().get("/api/v1/operator/dead-letters/{queue}").post(new io.swagger.v3.oas.models.Operation()
                .operationId("redrive"));

        OpenAPI merged = new OpenAPI();
        DocumentMerge.add(merged, "customer", customer);
        DocumentMerge.add(merged, "identity", identity);

        PathItem item = merged.getPaths().get("/api/v1/operator/dead-letters/{queue}");
        assertThat(item.getGet().getOperationId()).isEqualTo("queue");
        assertThat(item.getPost().getOperationId()).isEqualTo("redrive");
    }

    private static String ref(OpenAPI document, String path) {
        return document.getPaths().get(path).getGet().getResponses().get("200").getContent().get("application/json")
                .getSchema().get$ref();
    }
}
