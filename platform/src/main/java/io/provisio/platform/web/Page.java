package io.provisio.platform.web;

import java.util.List;
import java.util.function.Function;

/** A page of a list, as API.md answers it: {@code {"items":[...],"page":0,"size":20,"total":N}}. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public static final int MAX_SIZE = 200;

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }

    /** Documents to skip for a page, in long arithmetic: a huge page number is an empty page, not an error. */
    public static int skip(int page, int size) {
        return (int) Math.min(Integer.MAX_VALUE, (long) Math.max(page, 0) * Math.max(size, 0));
    }

    /** Refuses what API.md does not allow: a negative page, a size outside 1..200. */
    public static void check(int page, int size) {
        java.util.List<FieldError> errors = new java.util.ArrayList<>();
        if (page < 0) {
            errors.add(new FieldError("page", "must be 0 or more"));
        }
        if (size < 1 || size > MAX_SIZE) {
            errors.add(new FieldError("size", "must be between 1 and " + MAX_SIZE));
        }
        if (!errors.isEmpty()) {
            throw ApiProblem.validation(errors);
        }
    }
}
