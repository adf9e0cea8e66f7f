package io.provisio.gateway.apidocs;

/** The paths of the OpenAPI document and Swagger UI, opened by the security chain and rate limited per address. */
public final class ApiDocsPaths {

    /** The document, Swagger UI's page, its configuration and its WebJar's files. */
    public static final String[] PUBLIC = {ServiceDocuments.PATH, "/api/docs", "/api/docs/springdoc/swagger-config",
            "/api/swagger-ui/**"};

    private ApiDocsPaths() {
    }
}
