package io.provisio.platform.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.provisio.platform.messaging.retry.FailureClassifier;
import io.provisio.platform.refusal.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

/**
 * Maps every failure a client can cause to a precise problem+json, and anything else to a 500
 * that reveals nothing. A client's mistake is never a 500.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        return respond(Problems.of(problem));
    }

    @ExceptionHandler(Refusal.class)
    ResponseEntity<ProblemDetail> refusal(Refusal refusal) {
        return respond(Problems.of(refusal));
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        List<FieldError> errors = new ArrayList<>();
        e.getBindingResult().getFieldErrors().forEach(f -> errors.add(new FieldError(f.getField(),
                f.getDefaultMessage())));
        e.getBindingResult().getGlobalErrors().forEach(g -> errors.add(new FieldError(g.getObjectName(),
                g.getDefaultMessage())));
        errors.sort(Comparator.comparing(FieldError::field));
        return respond(Problems.of(ApiProblem.validation(errors)));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof JacksonException jackson) {
            Optional<FieldError> field = JsonFieldErrors.of(jackson);
            if (field.isPresent()) {
                return respond(Problems.of(ApiProblem.validation(List.of(field.get()))));
            }
        }
        // Jackson's own message may quote the body (a password, say): say where, not what.
        String detail = cause instanceof JacksonException jackson && jackson.getLocation() != null
                ? "The body is not valid JSON (line " + jackson.getLocation().getLineNr() + ", column "
                        + jackson.getLocation().getColumnNr() + ")"
                : "The request body is missing or not valid JSON";
        return respond(Problems.of(ApiProblem.malformed(detail)));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return respond(Problems.of(ApiProblem.malformed("Header " + e.getHeaderName() + " is required")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(Problems.of(ApiProblem.validation(List.of(new FieldError(e.getName(),
                "has the wrong type or format")))));
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e) {
        return respond(Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "Not found",
                "No resource at " + e.getResourcePath(), List.of()));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        return respond(Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED", "Method not allowed",
                e.getMethod() + " is not supported here", List.of()));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e) {
        return respond(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE",
                "Unsupported media type", "Send application/json", List.of()));
    }

    /**
     * The client went away before the answer was written (a caller's time-out, the gateway fetching a document
     * while this service starts): nobody is left to answer, and it is no error of ours.
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    void clientGone(AsyncRequestNotUsableException e) {
        log.debug("The client went away before the answer was written: {}", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (unavailableDependency(e)) {
            // Our store or broker is away (restarting, failing over): the request may well succeed soon.
            log.warn("Answered 503: a dependency is unavailable: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, "5")
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", "Service unavailable",
                            "A service this request needs is unavailable for a moment; try again", List.of()));
        }
        if (e instanceof org.springframework.web.ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            HttpStatus status = HttpStatus.valueOf(known.getStatusCode().value());
            return respond(Problems.of(status, status.name(), status.getReasonPhrase(),
                    known.getBody().getDetail() == null ? status.getReasonPhrase() : known.getBody().getDetail(),
                    List.of()));
        }
        log.error("Unexpected error", e);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Internal error",
                "Something went wrong on our side; the trace id in our logs has the details", List.of()));
    }

    /** MongoDB or RabbitMQ cannot be reached, or did not answer in time: not the client's fault, nor a bug. */
    static boolean unavailableDependency(Throwable e) {
        return FailureClassifier.classify(e) == FailureClassifier.Failure.OUTAGE;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
