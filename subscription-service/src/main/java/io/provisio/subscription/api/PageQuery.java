package io.provisio.subscription.api;

import java.util.ArrayList;
import java.util.List;

import io.provisio.platform.web.ApiProblem;
import io.provisio.platform.web.FieldError;

/** {@code ?page=&size=}: page from 0, size 1 to 200 (default 20). */
public record PageQuery(int page, int size) {

    public static final int MAX_SIZE = 200;

    /** @throws ApiProblem 400 VALIDATION_FAILED naming every invalid parameter */
    public static PageQuery of(int page, int size) {
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
        return new PageQuery(page, size);
    }

    public int skip() {
        return (int) Math.min(Integer.MAX_VALUE, (long) page * size);
    }

    public <T> Page<T> answer(List<T> items, long total) {
        return new Page<>(items, page, size, total);
    }
}
