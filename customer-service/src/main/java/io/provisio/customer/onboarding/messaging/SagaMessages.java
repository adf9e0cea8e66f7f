package io.provisio.customer.onboarding.messaging;

import io.provisio.customer.contracts.CustomerMessages;
import io.provisio.identity.contracts.IdentityMessages;
import io.provisio.messages.MessageTypes;
import io.provisio.notification.contracts.NotificationMessages;
import io.provisio.subscription.contracts.SubscriptionMessages;

/** What the onboarding saga sends and reads, across the participants' contracts (ADR 020). */
public final class SagaMessages {

    /** Every participant's commands: what a saga decision may ask for. */
    public static final MessageTypes<Object> COMMANDS = MessageTypes.union(CustomerMessages.COMMANDS,
            IdentityMessages.COMMANDS, SubscriptionMessages.COMMANDS, NotificationMessages.COMMANDS);

    /** Every participant's replies, on {@code saga-replies}. */
    public static final MessageTypes<Object> REPLIES = MessageTypes.union(CustomerMessages.REPLIES,
            IdentityMessages.REPLIES, SubscriptionMessages.REPLIES, NotificationMessages.REPLIES);

    private SagaMessages() {
    }
}
