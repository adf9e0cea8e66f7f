package io.provisio.subscription.contracts;

import java.util.List;

/** ASSIGN_PLANS: allocate all of the plans from the partner's inventory, or none. */
public record AssignPlans(String customerId, List<PlanRequest> plans, boolean acceptPaidPlans) implements SubscriptionCommand {
}
