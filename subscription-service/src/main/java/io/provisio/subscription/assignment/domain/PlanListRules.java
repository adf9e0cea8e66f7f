package io.provisio.subscription.assignment.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.provisio.subscription.catalog.domain.Plan;

/**
 * Decides whether a plan list may be assigned at all, before a single unit is touched: every
 * plan known, each plan's required plans in the same list, units within the plan's range, paid
 * plans only with the partner's consent, no plan twice. All violations are reported, in list order.
 */
public final class PlanListRules {

    private PlanListRules() {
    }

    /**
     * @param catalogue the catalogue's plans by code (at least those the list names)
     * @return the violations, empty when the list may be assigned
     */
    public static List<Violation> check(List<RequestedPlan> requested, Map<String, Plan> catalogue,
                                        boolean acceptPaidPlans) {
        List<Violation> violations = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        requested.forEach(r -> codes.add(r.planCode()));
        Set<String> seen = new HashSet<>();
        for (RequestedPlan request : requested) {
            String code = request.planCode();
            if (!seen.add(code)) {
                violations.add(new Violation(Violation.DUPLICATE_PLAN, code + " is requested more than once"));
                continue;
            }
            Plan plan = code == null ? null : catalogue.get(code);
            if (plan == null) {
                violations.add(new Violation(Violation.PLAN_NOT_FOUND, code + " is not in the catalogue"));
                continue;
            }
            for (String required : plan.requires()) {
                if (!codes.contains(required)) {
                    violations.add(new Violation(Violation.PLAN_REQUIREMENT_MISSING,
                            code + " requires " + required + ", which is not requested"));
                }
            }
            if (!plan.allows(request.units())) {
                violations.add(new Violation(Violation.UNITS_OUT_OF_RANGE, code + ": " + request.units()
                        + " units asked, allowed " + plan.minUnits() + " to " + plan.maxUnits()));
            }
            if (plan.paid() && !acceptPaidPlans) {
                violations.add(new Violation(Violation.PAID_PLANS_NOT_ACCEPTED,
                        code + " is a paid plan and paid plans were not accepted"));
            }
        }
        return List.copyOf(violations);
    }
}
