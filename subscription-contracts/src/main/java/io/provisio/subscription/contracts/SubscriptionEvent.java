package io.provisio.subscription.contracts;

/** Domain events on {@code subscription-events}; a subscriber ignores the ones it has no use for. */
public sealed interface SubscriptionEvent extends SubscriptionMessage
        permits SubscriptionActivated {
}
