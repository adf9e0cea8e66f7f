package io.provisio.subscription.contracts;

import java.time.LocalDate;

/** @param status SCHEDULED or ACTIVE */
public record AssignedSubscription(String subscriptionId, String planCode, int units, LocalDate startDate, String status) {
}
