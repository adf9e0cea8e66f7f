package io.provisio.identity.user.web;

import java.util.ArrayList;
import java.util.List;

import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;

/** {@code ?page=0&size=20}: page from 0, size 1 to 200; both mistakes are reported together. */
record Paging(int page, int size) {

    static final int MAX_SIZE = 200;

    static Paging of(int page, int size) {
        List<FieldError> errors = new ArrayList<>();
        if (page < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_SIZE) {
            errors.add(new FieldError("size", "must be between 1 and " + MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
        return new Paging(page, size);
    }
}
