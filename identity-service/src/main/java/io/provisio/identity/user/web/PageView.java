package io.provisio.identity.user.web;

import java.util.List;

/** A page of a list, as every Provisio list answers (API.md, "Conventions"). */
record PageView<T>(List<T> items, int page, int size, long total) {
}
