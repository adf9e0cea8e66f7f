package io.provisio.platform.web;

/** One invalid field of a request, with its path as API.md writes it (e.g. {@code plans[0].units}). */
public record FieldError(String field, String message) {
}
