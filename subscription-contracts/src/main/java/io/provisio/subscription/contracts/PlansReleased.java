package io.provisio.subscription.contracts;

public record PlansReleased(String customerId) implements SubscriptionReply {
}
