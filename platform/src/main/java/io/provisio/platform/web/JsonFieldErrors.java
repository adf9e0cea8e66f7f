package io.provisio.platform.web;

import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * A body Jackson could not bind, as the field the client got wrong: the same words for a request's 400 and for one
 * row of a batch. Never Jackson's own message, which may quote the body (a password, say).
 */
public final class JsonFieldErrors {

    private JsonFieldErrors() {
    }

    /** The field {@code e} is about, or empty when it names none (the JSON itself is broken). */
    public static Optional<FieldError> of(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return Optional.of(new FieldError(path(unknown), "unknown field"));
        }
        if (e instanceof MismatchedInputException mismatch && !path(mismatch).isEmpty()) {
            return Optional.of(new FieldError(path(mismatch), "has the wrong type or format"));
        }
        return Optional.empty();
    }

    /** Renders Jackson's path as API.md does: {@code customer.address.country}, {@code plans[0].units}. */
    static String path(MismatchedInputException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }
}
