package io.provisio.subscription.contracts;

import java.util.List;

public record PlansAssigned(String customerId, List<AssignedSubscription> subscriptions) implements SubscriptionReply {
}
