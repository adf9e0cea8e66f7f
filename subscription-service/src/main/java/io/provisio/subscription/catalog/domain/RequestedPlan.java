package io.provisio.subscription.catalog.domain;

import java.time.LocalDate;

/** One entry of a plan list to assign; {@code startDate} {@code null} means today. */
public record RequestedPlan(String planCode, int units, LocalDate startDate) {
}
