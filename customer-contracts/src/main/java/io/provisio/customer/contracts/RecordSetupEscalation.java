package io.provisio.customer.contracts;

import java.time.Instant;

/**
 * From notification-service, outside any saga: the customer's setup was escalated to its partner (ADR 023). The
 * customer keeps the first escalation's instant as {@code setup.escalatedAt}. No reply; idempotent.
 *
 * @param finalEscalation the deadline passed: no more reminders follow
 */
public record RecordSetupEscalation(String customerId, Instant escalatedAt, boolean finalEscalation)
        implements CustomerCommand {

    public RecordSetupEscalation {
        if (customerId == null || customerId.isBlank() || escalatedAt == null) {
            throw new IllegalArgumentException("RecordSetupEscalation needs a customer id and an instant");
        }
    }
}
