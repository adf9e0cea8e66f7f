package io.provisio.notification.email.web;

import java.util.List;

/** The paged list shape every Provisio list answers with. */
record PageView<T>(List<T> items, int page, int size, long total) {
}
