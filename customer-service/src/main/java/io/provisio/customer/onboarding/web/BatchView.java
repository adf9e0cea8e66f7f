package io.provisio.customer.onboarding.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.provisio.customer.onboarding.domain.Batch;
import io.provisio.customer.onboarding.domain.BatchRow;
import io.provisio.platform.web.FieldError;

/**
 * The onboarding batch resource: counts by row status (every status named) and each row's onboarding, status and
 * errors.
 *
 * @param finishedAt when the pacer saw the last row end; null before
 */
record BatchView(String id, String status, int total, Map<String, Integer> counts, List<RowView> rows,
                 Instant createdAt, Instant finishedAt) {

    /** @param onboardingId null until the row starts, and for INVALID and REJECTED rows */
    record RowView(int index, String accountName, String onboardingId, String status, List<FieldError> errors) {
    }

    static BatchView of(Batch batch) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        batch.counts().forEach((status, count) -> counts.put(status.name(), count));
        return new BatchView(batch.id(), batch.status().name(), batch.rows().size(), counts,
                batch.rows().stream().map(BatchView::row).toList(), batch.createdAt(), batch.finishedAt());
    }

    private static RowView row(BatchRow row) {
        return new RowView(row.index(), row.accountName(), row.onboardingId(), row.status().name(),
                row.errors().stream().map(p -> new FieldError(p.field(), p.message())).toList());
    }
}
