package io.provisio.subscription.contracts;

import java.time.Instant;
import java.time.LocalDate;

/** Event on {@code subscription-events}: the subscription reached its start date, is ACTIVE and billing. */
public record SubscriptionActivated(String customerId, String subscriptionId, String planCode, int units,
                                    LocalDate startDate, Instant billingStartedAt) implements SubscriptionEvent {
}
