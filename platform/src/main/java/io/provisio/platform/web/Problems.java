package io.provisio.platform.web;

import java.net.URI;
import java.util.List;

import io.provisio.platform.refusal.Refusal;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds the problem+json body every Provisio error uses. */
public final class Problems {

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String code, String title, String detail,
                                   List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://provisio.io/problems/" + code.toLowerCase().replace('_', '-')));
        problem.setTitle(title);
        problem.setProperty("code", code);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    public static ProblemDetail of(ApiProblem problem) {
        return of(problem.status(), problem.code(), problem.title(), problem.getMessage(), problem.errors());
    }

    public static ProblemDetail of(Refusal refusal) {
        return of(status(refusal.kind()), refusal.code(), refusal.title(), refusal.getMessage(), refusal.errors());
    }

    /** The one status of each kind of refusal (ADR 031). */
    public static HttpStatus status(Refusal.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case INVALID -> HttpStatus.BAD_REQUEST;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_CONTENT;
            case GONE -> HttpStatus.GONE;
        };
    }
}
