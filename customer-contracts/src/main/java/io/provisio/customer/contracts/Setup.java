package io.provisio.customer.contracts;

import java.time.LocalDate;

/**
 * Who completes the customer's setup after its onboarding, and from when (API.md, "Setup"). A value inside
 * {@link CustomerProfile} and {@link OnboardingCompleted}, not a message.
 *
 * @param by           {@code PARTNER}, {@code DELEGATE} or {@code CUSTOMER}
 * @param contactEmail who gets the "Configure now" e-mail; required for DELEGATE and CUSTOMER, for PARTNER it may be
 *                     absent (the partner's own notification address is used)
 * @param startDate    the day (UTC) the "Configure now" e-mail goes out; the escalation and reminders count from it
 */
public record Setup(String by, String contactEmail, LocalDate startDate) {
}
