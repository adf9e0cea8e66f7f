package io.provisio.gateway.apidocs;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v3/api-docs}: the one OpenAPI 3.1 document of the public API (API.md, "Wave 2 additions"), as merged
 * at the last refresh ({@link ServiceDocuments}), so answering it costs no call to any service. Swagger UI at
 * {@code /api/docs} (springdoc's WebJar) reads it.
 */
@RestController
class ApiDocsController {

    private final ServiceDocuments documents;

    ApiDocsController(ServiceDocuments documents) {
        this.documents = documents;
    }

    @GetMapping(value = ServiceDocuments.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> document() {
        return ResponseEntity.ok()
                // It changes when a service is deployed; a minute old is fine, an hour old is not.
                .cacheControl(CacheControl.maxAge(java.time.Duration.ofMinutes(1)).cachePublic())
                .body(documents.merged());
    }
}
