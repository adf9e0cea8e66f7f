/** The one OpenAPI document of the public API, merged from the services' own, and Swagger UI (ADR 019). */
package io.provisio.gateway.apidocs;
