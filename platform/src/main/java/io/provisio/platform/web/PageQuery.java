package io.provisio.platform.web;

import java.util.ArrayList;
import java.util.List;

/** {@code ?page=&size=} as API.md fixes it: page from 0, size 1 to 200; both mistakes reported together. */
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

    /** Documents to skip, in long arithmetic: a huge page number is an empty page, not an error. */
    public int skip() {
        return skip(page, size);
    }

    public static int skip(int page, int size) {
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.max(page, 0) * Math.max(size, 0));
    }

    public <T> Page<T> answer(List<T> items, long total) {
        return new Page<>(items, page, size, total);
    }
}
