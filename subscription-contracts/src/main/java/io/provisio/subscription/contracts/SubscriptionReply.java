package io.provisio.subscription.contracts;

/** Subscription's saga replies on {@code saga-replies}: one type per outcome. */
public sealed interface SubscriptionReply extends SubscriptionMessage
        permits PlansAssigned, PlansRejected, PlansReleased {
}
