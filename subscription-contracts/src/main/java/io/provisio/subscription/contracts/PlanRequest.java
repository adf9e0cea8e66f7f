package io.provisio.subscription.contracts;

import java.time.LocalDate;

/** One plan of the onboarding request: units to allocate from the partner's inventory. */
public record PlanRequest(String planCode, int units, LocalDate startDate) {
}
