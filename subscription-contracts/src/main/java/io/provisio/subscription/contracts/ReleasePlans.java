package io.provisio.subscription.contracts;

/** Compensates ASSIGN_PLANS: release exactly the units allocated, delete the subscriptions. */
public record ReleasePlans(String customerId) implements SubscriptionCommand {
}
