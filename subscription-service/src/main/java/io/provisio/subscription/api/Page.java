package io.provisio.subscription.api;

import java.util.List;

/** The list answer API.md fixes: {@code {"items":[...],"page":0,"size":20,"total":N}}. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
