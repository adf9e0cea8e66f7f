package io.provisio.subscription.contracts;

/** Everything subscription-service sends or is sent (ADR 020). */
public sealed interface SubscriptionMessage
        permits SubscriptionCommand, SubscriptionReply, SubscriptionEvent {
}
