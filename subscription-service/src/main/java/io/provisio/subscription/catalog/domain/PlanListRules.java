package io.provisio.subscription.catalog.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides whether a plan list may be assigned at all, before a single unit is touched: every
 * plan known, each plan's required plans in the same list (or already held, for a plan added
 * later), units within the plan's range, paid plans only with the partner's consent, no plan twice.
 * All violations are reported, in list order.
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
        return check(requested, catalogue, acceptPaidPlans, Set.of());
    }

    /** @param held plan codes the customer already subscribes to; they satisfy requirements too */
    public static List<Violation> check(List<RequestedPlan> requested, Map<String, Plan> catalogue,
                                        boolean acceptPaidPlans, Set<String> held) {
        List<Violation> violations = new ArrayList<>();
        Set<String> codes = new HashSet<>(held);
        requested.forEach(r -> codes.add(r.planCode()));
        Set<String> seen = new HashSet<>();
        boolean paidRefused = false;
        for (int i = 0; i < requested.size(); i++) {
            RequestedPlan request = requested.get(i);
            String code = request.planCode();
            if (!seen.add(code)) {
                violations.add(new Violation(Violation.DUPLICATE_PLAN, Violation.planCodeField(i),
                        code + " is requested more than once"));
                continue;
            }
            Plan plan = code == null ? null : catalogue.get(code);
            if (plan == null) {
                violations.add(new Violation(Violation.PLAN_NOT_FOUND, Violation.planCodeField(i),
                        code + " is not in the catalogue"));
                continue;
            }
            for (String required : plan.requires()) {
                if (!codes.contains(required)) {
                    violations.add(new Violation(Violation.PLAN_REQUIREMENT_MISSING, Violation.planCodeField(i),
                            code + " requires " + required + ", which is not requested"));
                }
            }
            if (!plan.allows(request.units())) {
                violations.add(new Violation(Violation.UNITS_OUT_OF_RANGE, Violation.unitsField(i), code + ": "
                        + request.units() + " units asked, allowed " + plan.minUnits() + " to " + plan.maxUnits()));
            }
            if (plan.paid() && !acceptPaidPlans) {
                // One field, acceptPaidPlans, however many paid plans the list holds; the message names the first.
                if (!paidRefused) {
                    violations.add(new Violation(Violation.PAID_PLANS_NOT_ACCEPTED, "acceptPaidPlans",
                            code + " is a paid plan and paid plans were not accepted"));
                }
                paidRefused = true;
            }
        }
        return List.copyOf(violations);
    }
}
