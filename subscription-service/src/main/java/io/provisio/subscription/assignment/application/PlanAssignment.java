package io.provisio.subscription.assignment.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.provisio.platform.participant.StepResult;
import io.provisio.subscription.assignment.domain.Allocation;
import io.provisio.subscription.assignment.domain.PlanListRules;
import io.provisio.subscription.assignment.domain.RequestedPlan;
import io.provisio.subscription.assignment.domain.Violation;
import io.provisio.subscription.assignment.persistence.AllocationLedger;
import io.provisio.subscription.catalog.domain.Plan;
import io.provisio.subscription.catalog.persistence.PlanStore;
import io.provisio.subscription.contracts.AssignPlans;
import io.provisio.subscription.contracts.AssignedSubscription;
import io.provisio.subscription.contracts.PlanRequest;
import io.provisio.subscription.contracts.PlansAssigned;
import io.provisio.subscription.contracts.PlansRejected;
import io.provisio.subscription.inventory.domain.AllocationOutcome;
import io.provisio.subscription.inventory.persistence.InventoryAllocator;
import io.provisio.subscription.subscription.domain.Subscription;
import io.provisio.subscription.subscription.persistence.SubscriptionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The ASSIGN_PLANS step: all of a plan list is allocated and subscribed, or none of it.
 *
 * <p>Both operations are keyed by the saga id and safe to run again after a crash at any point:
 * allocation ids, ledger entries and subscription ids are all derived from saga id and plan code.
 */
@Service
public class PlanAssignment {

    private static final Logger log = LoggerFactory.getLogger(PlanAssignment.class);

    private final PlanStore plans;
    private final InventoryAllocator allocator;
    private final AllocationLedger ledger;
    private final SubscriptionStore subscriptions;
    private final Clock clock;

    PlanAssignment(PlanStore plans, InventoryAllocator allocator, AllocationLedger ledger,
                   SubscriptionStore subscriptions, Clock clock) {
        this.plans = plans;
        this.allocator = allocator;
        this.ledger = ledger;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    /** The action: validate the whole list, take every plan's units, then create the subscriptions. */
    public StepResult assign(String sagaId, String partnerId, AssignPlans command) {
        List<RequestedPlan> requested = (command.plans() == null ? List.<PlanRequest>of() : command.plans()).stream()
                .map(p -> new RequestedPlan(p.planCode(), p.units(), p.startDate()))
                .toList();
        Map<String, Plan> catalogue = plans.findByCodes(requested.stream().map(RequestedPlan::planCode).toList());
        List<Violation> violations = PlanListRules.check(requested, catalogue, command.acceptPaidPlans());
        if (!violations.isEmpty()) {
            return rejected(violations.getFirst().code(),
                    violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
        }

        for (RequestedPlan plan : requested) {
            Allocation allocation = Allocation.of(partnerId, sagaId, command.customerId(), plan.planCode(),
                    plan.units());
            // The intent is durable before any unit moves, so an undo can always find what to return.
            ledger.record(allocation);
            AllocationOutcome outcome = allocator.allocate(partnerId, plan.planCode(), allocation.id(), plan.units());
            if (outcome instanceof AllocationOutcome.Insufficient(int available)) {
                undo(sagaId, partnerId);
                return rejected(Violation.INSUFFICIENT_LICENSES,
                        plan.planCode() + ": " + plan.units() + " units asked, " + available + " available");
            }
        }

        List<AssignedSubscription> assigned = new ArrayList<>();
        for (RequestedPlan plan : requested) {
            Subscription fresh = Subscription.start(partnerId, command.customerId(), sagaId, plan.planCode(),
                    plan.units(), plan.startDate(), clock);
            subscriptions.insertIfMissing(fresh);
            // A redone action answers with what the first run stored, not with a second opinion.
            Subscription stored = subscriptions.find(fresh.id()).orElse(fresh);
            assigned.add(new AssignedSubscription(stored.id(), stored.planCode(), stored.units(), stored.startDate(),
                    stored.status().name()));
        }
        log.info("Assigned {} plan(s) to customer {} of partner {}", assigned.size(), command.customerId(), partnerId);
        return new StepResult.Succeeded(PlansAssigned.class.getSimpleName(),
                new PlansAssigned(command.customerId(), assigned));
    }

    /**
     * The undo: deletes the saga's subscriptions and returns exactly the units its allocations hold.
     * Safe to run repeatedly, concurrently with the action, or when the action never ran.
     */
    public void undo(String sagaId, String partnerId) {
        long deleted = subscriptions.deleteOfSaga(partnerId, sagaId);
        int released = 0;
        for (Allocation allocation : ledger.ofSaga(partnerId, sagaId)) {
            if (allocator.release(partnerId, allocation.planCode(), allocation.id(), allocation.units())) {
                released++;
            }
        }
        log.info("Undid plans of saga {}: {} subscription(s) deleted, {} allocation(s) released", sagaId, deleted,
                released);
    }

    private static StepResult rejected(String code, String message) {
        log.info("Rejected plans: {} {}", code, message);
        return new StepResult.Rejected(PlansRejected.class.getSimpleName(), new PlansRejected(code, message));
    }
}
