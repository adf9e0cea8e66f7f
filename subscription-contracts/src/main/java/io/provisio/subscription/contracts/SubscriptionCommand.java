package io.provisio.subscription.contracts;

/** Commands to subscription on {@code subscription-commands}; a validate command is answered with a {@code DryRunReport}. */
public sealed interface SubscriptionCommand extends SubscriptionMessage
        permits AssignPlans, ReleasePlans, ValidatePlans {
}
