package io.provisio.subscription.catalog.application;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.provisio.subscription.catalog.domain.Plan;
import io.provisio.subscription.catalog.domain.PlanListRules;
import io.provisio.subscription.catalog.domain.RequestedPlan;
import io.provisio.subscription.catalog.domain.Violation;
import io.provisio.subscription.catalog.persistence.PlanStore;
import org.springframework.stereotype.Service;

/** The catalogue as the other features use it: the plans, and whether a plan list may be subscribed. */
@Service
public class Catalogue {

    private final PlanStore plans;

    Catalogue(PlanStore plans) {
        this.plans = plans;
    }

    /** The plans among {@code codes} that exist, by code. */
    public Map<String, Plan> findByCodes(Collection<String> codes) {
        return plans.findByCodes(codes);
    }

    /**
     * Every rule the list breaks ({@link PlanListRules}), against the catalogue as it is now.
     *
     * @param held plan codes the customer already subscribes to; they satisfy requirements too
     */
    public List<Violation> violations(List<RequestedPlan> requested, boolean acceptPaidPlans, Set<String> held) {
        Map<String, Plan> catalogue = plans.findByCodes(requested.stream().map(RequestedPlan::planCode).toList());
        return PlanListRules.check(requested, catalogue, acceptPaidPlans, held);
    }

    /** @return whether the plan was new; an existing plan keeps whatever it holds now (bootstrap) */
    public boolean addIfMissing(Plan plan) {
        return plans.insertIfMissing(plan);
    }
}
