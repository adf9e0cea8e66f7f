package io.provisio.customer.customers.domain;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The customer's delegated setup (ADR 023): SETUP_PENDING from registration, SETUP_DONE when the setup page was
 * completed.
 *
 * @param subdomain the sub-domain the setup confirmed, once done
 */
public record Setup(String status, String by, String contactEmail, LocalDate startDate, Instant escalatedAt,
                    Instant completedAt, String subdomain) {
}
