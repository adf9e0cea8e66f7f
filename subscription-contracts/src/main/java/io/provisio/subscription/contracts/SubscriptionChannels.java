package io.provisio.subscription.contracts;

/** Channels subscription-service owns. */
public final class SubscriptionChannels {

    /** Commands to subscription (ASSIGN_PLANS and its compensation). */
    public static final String COMMANDS = "subscription-commands";

    /** Domain events about subscriptions (activated, cancelled). */
    public static final String EVENTS = "subscription-events";

    private SubscriptionChannels() {
    }
}
