package io.provisio.subscription.assignment.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.provisio.platform.participant.StepResult;
import io.provisio.subscription.assignment.domain.Allocation;
import io.provisio.subscription.assignment.persistence.AllocationLedger;
import io.provisio.subscription.catalog.application.Catalogue;
import io.provisio.subscription.catalog.domain.RequestedPlan;
import io.provisio.subscription.catalog.domain.Violation;
import io.provisio.subscription.contracts.AssignPlans;
import io.provisio.subscription.contracts.AssignedSubscription;
import io.provisio.subscription.contracts.PlanRequest;
import io.provisio.subscription.contracts.PlansAssigned;
import io.provisio.subscription.contracts.PlansRejected;
import io.provisio.subscription.contracts.SubscriptionMessages;
import io.provisio.subscription.customer.application.Customers;
import io.provisio.subscription.inventory.application.Inventory;
import io.provisio.subscription.inventory.domain.AllocationOutcome;
import io.provisio.subscription.subscriptions.application.SagaSubscriptions;
import io.provisio.subscription.subscriptions.application.SubscriptionChanges;
import io.provisio.subscription.subscriptions.domain.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The ASSIGN_PLANS step: all of a plan list is allocated and subscribed, or none of it; and its dry
 * run, which applies the same rules and writes nothing.
 *
 * <p>Both operations are keyed by the saga id and safe to run again after a crash at any point:
 * allocation ids, ledger entries and subscription ids are all derived from saga id and plan code.
 */
@Service
public class PlanAssignment {

    private static final Logger log = LoggerFactory.getLogger(PlanAssignment.class);

    private final Catalogue catalogue;
    private final Inventory inventory;
    private final AllocationLedger ledger;
    private final SagaSubscriptions subscriptions;
    private final Customers customers;
    private final SubscriptionChanges changes;
    private final Clock clock;

    PlanAssignment(Catalogue catalogue, Inventory inventory, AllocationLedger ledger, SagaSubscriptions subscriptions,
                   Customers customers, SubscriptionChanges changes, Clock clock) {
        this.catalogue = catalogue;
        this.inventory = inventory;
        this.ledger = ledger;
        this.subscriptions = subscriptions;
        this.customers = customers;
        this.changes = changes;
        this.clock = clock;
    }

    /** The action: validate the whole list, take every plan's units, then create the subscriptions. */
    public StepResult assign(String sagaId, String partnerId, AssignPlans command) {
        List<RequestedPlan> requested = requested(command.plans());
        List<Violation> violations = rules(requested, command.acceptPaidPlans());
        if (!violations.isEmpty()) {
            return rejected(violations.getFirst().code(),
                    violations.stream().map(Violation::message).collect(Collectors.joining("; ")));
        }

        for (int i = 0; i < requested.size(); i++) {
            RequestedPlan plan = requested.get(i);
            Allocation allocation = Allocation.of(partnerId, sagaId, command.customerId(), plan.planCode(),
                    plan.units(), Subscription.idOf(sagaId, plan.planCode()));
            // The intent is durable before any unit moves, so an undo can always find what to return.
            ledger.record(allocation);
            AllocationOutcome outcome = inventory.allocate(partnerId, plan.planCode(), allocation.subscriptionId(),
                    plan.units());
            if (outcome instanceof AllocationOutcome.Insufficient(int available)) {
                undo(sagaId, partnerId, command.customerId());
                Violation insufficient = Violation.insufficient(i, plan.planCode(), plan.units(), available);
                return rejected(insufficient.code(), insufficient.message());
            }
        }

        List<AssignedSubscription> assigned = new ArrayList<>();
        for (RequestedPlan plan : requested) {
            Subscription fresh = Subscription.start(partnerId, command.customerId(), sagaId, plan.planCode(),
                    plan.units(), plan.startDate(), clock);
            // A redone action answers with what the first run stored, not with a second opinion.
            Subscription stored = subscriptions.createIfMissing(fresh);
            assigned.add(new AssignedSubscription(stored.id(), stored.planCode(), stored.units(), stored.startDate(),
                    stored.status().name()));
        }
        // Last: from here on the REST API serves the customer; the undo removes it again.
        customers.add(partnerId, command.customerId(), sagaId);
        log.info("Assigned {} plan(s) to customer {} of partner {}", assigned.size(), command.customerId(), partnerId);
        return StepResult.succeeded(SubscriptionMessages.REPLIES, new PlansAssigned(command.customerId(), assigned));
    }

    /**
     * The dry run: every problem {@link #assign} would meet, in list order, on the request's fields;
     * the inventory is read, never written, so a later real run may still find it short.
     */
    public List<Violation> check(String partnerId, List<PlanRequest> plans, boolean acceptPaidPlans) {
        List<RequestedPlan> requested = requested(plans);
        List<Violation> findings = new ArrayList<>(rules(requested, acceptPaidPlans));
        Set<Integer> invalid = new HashSet<>();
        for (Violation v : findings) {
            for (int i = 0; i < requested.size(); i++) {
                if (v.field().startsWith("plans[" + i + "]")) {
                    invalid.add(i);
                }
            }
        }
        for (int i = 0; i < requested.size(); i++) {
            RequestedPlan plan = requested.get(i);
            if (invalid.contains(i)) {
                continue;
            }
            int available = inventory.available(partnerId, plan.planCode());
            if (available < plan.units()) {
                findings.add(Violation.insufficient(i, plan.planCode(), plan.units(), available));
            }
        }
        return List.copyOf(findings);
    }

    /**
     * The undo: nothing of the customer stays. The customer record goes first, so the REST API stops
     * serving it and no new change starts; then every subscription of the customer (the saga's and
     * those added or resized through the API meanwhile) is deleted and whatever it holds now goes back
     * ({@link SubscriptionChanges#discardAllOf}, which also makes a change in flight lose); last the
     * saga's ledger entries are released, for units an action still running took before its
     * subscriptions existed. Safe to run repeatedly, concurrently with the action, or when the action
     * never ran.
     */
    public void undo(String sagaId, String partnerId, String customerId) {
        customers.removeOfSaga(partnerId, sagaId, customerId);
        int released = 0;
        if (customerId != null) {
            if (customers.isOf(partnerId, customerId)) {
                // Another onboarding owns this customer: leave its subscriptions alone.
                log.warn("Customer {} belongs to another saga than {}: releasing only this saga's plans",
                        customerId, sagaId);
            } else {
                released += changes.discardAllOf(partnerId, customerId);
            }
        }
        long deleted = subscriptions.deleteOfSaga(partnerId, sagaId);
        for (Allocation allocation : ledger.ofSaga(partnerId, sagaId)) {
            released += inventory.release(partnerId, allocation.planCode(), allocation.subscriptionId());
        }
        log.info("Undid plans of saga {} (customer {}): {} unit(s) released, {} more saga subscription(s) deleted",
                sagaId, customerId, released, deleted);
    }

    private List<Violation> rules(List<RequestedPlan> requested, boolean acceptPaidPlans) {
        return catalogue.violations(requested, acceptPaidPlans, Set.of());
    }

    private static List<RequestedPlan> requested(List<PlanRequest> plans) {
        return (plans == null ? List.<PlanRequest>of() : plans).stream()
                .map(p -> new RequestedPlan(p.planCode(), p.units(), p.startDate()))
                .toList();
    }

    private static StepResult rejected(String code, String message) {
        log.info("Rejected plans: {} {}", code, message);
        return StepResult.rejected(SubscriptionMessages.REPLIES, new PlansRejected(code, message));
    }
}
