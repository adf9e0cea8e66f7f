package io.provisio.platform.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/**
 * A client-visible failure with a stable machine {@code code} (API.md lists them). Thrown from
 * controllers and application services, rendered as problem+json by {@link ProblemDetailsAdvice}.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;

    public ApiProblem(HttpStatus status, String code, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public ApiProblem(HttpStatus status, String code, String title, String detail) {
        this(status, code, title, detail, List.of());
    }

    /** Answers 404 exactly as for a resource that does not exist, whoever owns it. */
    public static ApiProblem notFound(String what, String id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found", what + " " + id + " does not exist");
    }

    /** A body or header that cannot be read at all; {@code detail} says where, never what (it may be a secret). */
    public static ApiProblem malformed(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "MALFORMED_REQUEST", "Malformed request", detail);
    }

    public static ApiProblem validation(List<FieldError> errors) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request is not valid",
                errors.size() + " field(s) are invalid", errors);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
