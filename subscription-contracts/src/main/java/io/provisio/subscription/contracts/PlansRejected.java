package io.provisio.subscription.contracts;

/** E.g. {@code INSUFFICIENT_LICENSES} or {@code PLAN_NOT_FOUND}; nothing was allocated. */
public record PlansRejected(String code, String message) implements SubscriptionReply {
}
