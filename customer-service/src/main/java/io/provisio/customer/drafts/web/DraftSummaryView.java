package io.provisio.customer.drafts.web;

import java.time.Instant;

/** A draft in the list: enough to recognise and resume it, without its request. */
record DraftSummaryView(String id, String name, String companyName, String accountName, Instant createdAt,
                        Instant updatedAt, String updatedBy, long version) {
}
