package io.provisio.platform.web;

import java.util.List;
import java.util.Map;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;
import io.provisio.platform.refusal.Refusal;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemDetailsAdviceTest {

    private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    @Test
    void answers503WithRetryAfterWhenTheStoreCannotBeReached() {
        for (Exception unavailable : List.of(
                new MongoTimeoutException("no server within 5000 ms"),
                new DataAccessResourceFailureException("store away"),
                new IllegalStateException("while reading", new MongoSocketOpenException("refused",
                        new ServerAddress("127.0.0.1", 27017))))) {
            ResponseEntity<ProblemDetail> answer = advice.unexpected(unavailable);

            assertThat(answer.getStatusCode()).as(unavailable.toString()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(answer.getBody().getProperties()).containsEntry("code", "SERVICE_UNAVAILABLE");
        }
    }

    @Test
    void aClientThatWentAwayIsNoErrorOfOurs() {
        var resolver = new org.springframework.web.method.annotation.ExceptionHandlerMethodResolver(
                ProblemDetailsAdvice.class);

        var handler = resolver.resolveMethod(new org.springframework.web.context.request.async
                .AsyncRequestNotUsableException("ServletOutputStream failed to write", new java.io.IOException(
                        "Broken pipe")));

        assertThat(handler).isNotNull();
        assertThat(handler.getName()).isEqualTo("clientGone");
        assertThat(resolver.resolveMethod(new IllegalStateException("a bug")).getName()).isEqualTo("unexpected");
    }

    @Test
    void answers500ForAnythingElseUnexpected() {
        assertThat(advice.unexpected(new IllegalStateException("a bug")).getStatusCode())
                .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }

    @Test
    void rendersEveryKindOfRefusalWithItsOneStatusAndEveryField() {
        var resolver = new org.springframework.web.method.annotation.ExceptionHandlerMethodResolver(
                ProblemDetailsAdvice.class);
        Refusal conflict = Refusal.conflict("USERNAME_TAKEN", "Username taken", "the sign-in name is in use",
                List.of(new FieldError("username", "is taken"), new FieldError("email", "is in use")));

        ResponseEntity<ProblemDetail> answer = advice.refusal(conflict);

        assertThat(resolver.resolveMethod(conflict).getName()).as("a refusal is no unexpected error")
                .isEqualTo("refusal");
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().getTitle()).isEqualTo("Username taken");
        assertThat(answer.getBody().getDetail()).isEqualTo("the sign-in name is in use");
        assertThat(answer.getBody().getProperties()).containsEntry("code", "USERNAME_TAKEN")
                .containsEntry("errors", conflict.errors());
        assertThat(Map.of(Refusal.Kind.NOT_FOUND, 404, Refusal.Kind.INVALID, 400, Refusal.Kind.CONFLICT, 409,
                Refusal.Kind.UNPROCESSABLE, 422, Refusal.Kind.GONE, 410)).allSatisfy((kind, status) ->
                assertThat(advice.refusal(new Refusal(kind, "C", "t", "d")).getStatusCode().value())
                        .as(kind.name()).isEqualTo(status));
        assertThat(Refusal.Kind.values()).hasSize(5);
    }
}
