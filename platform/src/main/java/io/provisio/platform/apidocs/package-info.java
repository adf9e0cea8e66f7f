/** Each service's OpenAPI document: what springdoc generates, with the problem answers and the docs' security (ADR 019). */
package io.provisio.platform.apidocs;
