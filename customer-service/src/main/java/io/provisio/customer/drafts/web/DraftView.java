package io.provisio.customer.drafts.web;

import java.time.Instant;
import java.util.Map;

/** A draft as the API shows it: the request as it was saved, and who saved the current version when. */
record DraftView(String id, String name, Map<String, Object> request, Instant createdAt, Instant updatedAt,
                 String updatedBy, long version) {
}
