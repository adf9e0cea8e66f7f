package io.provisio.subscription.testing;

import java.util.List;

import io.provisio.customer.contracts.CustomerChannels;
import io.provisio.devstack.TestNamespace;
import io.provisio.identity.contracts.IdentityChannels;
import io.provisio.subscription.contracts.SubscriptionChannels;

/** What a context of this service leaves on the broker in the test namespace; every IT class deletes it. */
public final class Queues {

    private Queues() {
    }

    public static void deleteAll() {
        TestNamespace.delete(
                List.of(SubscriptionChannels.COMMANDS + ".subscription-service",
                        IdentityChannels.EVENTS + ".subscription-service",
                        CustomerChannels.EVENTS + ".subscription-service"),
                List.of(SubscriptionChannels.COMMANDS, ReplyTap.REPLIES, IdentityChannels.EVENTS,
                        SubscriptionChannels.EVENTS, CustomerChannels.EVENTS, "dry-run-replies"));
    }
}
