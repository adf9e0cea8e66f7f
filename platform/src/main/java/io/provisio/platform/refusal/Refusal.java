package io.provisio.platform.refusal;

import java.util.List;

import io.provisio.platform.web.FieldError;

/**
 * A business rule refused what a caller asked, with a stable machine {@code code} (API.md lists them). The one way
 * application services say no (ADR 031): they throw it, and {@code ProblemDetailsAdvice} renders it as problem+json
 * with the status its {@link Kind} gives. It carries no HTTP types, so application code stays free of the web.
 * Anything else an application service throws is a fault (a 500, or a 503 when a dependency is away), never the
 * client's mistake.
 */
public class Refusal extends RuntimeException {

    /** What kind of no it is; the web layer maps each to one status. */
    public enum Kind {
        /** The thing is not there, or not the caller's (the same answer either way): 404. */
        NOT_FOUND,
        /** Fields break a rule, every one listed: 400. */
        INVALID,
        /** The state of the thing, or another thing, stands in the way: 409. */
        CONFLICT,
        /** Well formed and not in conflict, but the rules do not allow it: 422. */
        UNPROCESSABLE,
        /** It was there and is for good no more (an expired link): 410. */
        GONE
    }

    private final Kind kind;
    private final String code;
    private final String title;
    private final List<FieldError> errors;

    public Refusal(Kind kind, String code, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.kind = kind;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public Refusal(Kind kind, String code, String title, String detail) {
        this(kind, code, title, detail, List.of());
    }

    /** The same answer for a thing that does not exist and for another partner's. */
    public static Refusal notFound(String what, String id) {
        return new Refusal(Kind.NOT_FOUND, "NOT_FOUND", "Not found", what + " " + id + " does not exist", List.of());
    }

    public static Refusal invalid(List<FieldError> errors) {
        return new Refusal(Kind.INVALID, "VALIDATION_FAILED", "The request is not valid",
                errors.size() + " field(s) are invalid", errors);
    }

    public static Refusal conflict(String code, String title, String detail) {
        return conflict(code, title, detail, List.of());
    }

    public static Refusal conflict(String code, String title, String detail, List<FieldError> errors) {
        return new Refusal(Kind.CONFLICT, code, title, detail, errors);
    }

    public Kind kind() {
        return kind;
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

    /** A refusal is an answer, not a failure: no stack trace to fill. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
