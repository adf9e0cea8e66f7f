package io.provisio.subscription.contracts;

import java.util.List;

/**
 * Dry run of ASSIGN_PLANS: answer a {@code io.provisio.customer.contracts.DryRunReport} to the command's
 * {@code replyTo} with every problem the real run would hit ({@code PLAN_NOT_FOUND},
 * {@code PLAN_REQUIREMENT_MISSING}, {@code INSUFFICIENT_LICENSES}, ... on {@code plans[i].field}); allocate nothing.
 */
public record ValidatePlans(List<PlanRequest> plans, boolean acceptPaidPlans) implements SubscriptionCommand {
}
