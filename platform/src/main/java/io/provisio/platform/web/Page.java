package io.provisio.platform.web;

import java.util.List;
import java.util.function.Function;

/** A page of a list, as API.md answers it: {@code {"items":[...],"page":0,"size":20,"total":N}}. */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), page, size, total);
    }
}
