package io.provisio.customer.contracts;

import java.time.Instant;

/**
 * From identity-service, outside any saga: the customer's setup was completed on the setup page (ADR 023), so the
 * customer turns SETUP_DONE. No reply; idempotent (a customer already SETUP_DONE stays as it is).
 *
 * @param subdomain the platform sub-domain the person confirmed
 */
public record CompleteSetup(String customerId, Instant completedAt, String subdomain) implements CustomerCommand {

    public CompleteSetup {
        if (customerId == null || customerId.isBlank() || completedAt == null) {
            throw new IllegalArgumentException("CompleteSetup needs a customer id and an instant");
        }
    }
}
