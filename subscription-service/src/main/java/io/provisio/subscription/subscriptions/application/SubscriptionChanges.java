package io.provisio.subscription.subscriptions.application;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.provisio.ids.Ids;
import io.provisio.platform.web.FieldError;
import io.provisio.subscription.catalog.application.Catalogue;
import io.provisio.subscription.catalog.domain.Plan;
import io.provisio.subscription.catalog.domain.RequestedPlan;
import io.provisio.subscription.catalog.domain.Violation;
import io.provisio.subscription.customer.application.Customers;
import io.provisio.subscription.inventory.application.Inventory;
import io.provisio.subscription.inventory.domain.AllocationOutcome;
import io.provisio.subscription.subscriptions.domain.PendingChange;
import io.provisio.subscription.subscriptions.domain.Subscription;
import io.provisio.subscription.subscriptions.domain.SubscriptionStatus;
import io.provisio.subscription.subscriptions.persistence.SubscriptionQueries;
import io.provisio.subscription.subscriptions.persistence.UnitChangeStore;
import io.provisio.platform.refusal.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Adds a plan to a customer later, changes a subscription's units, cancels it.
 *
 * <p>Every change spans two documents, the subscription and the partner's inventory item, and the
 * process may die between any two writes. So the change is first written to the subscription
 * ({@link PendingChange}), in an order that never lets a user take a unit the inventory is about to
 * get back; then the inventory moves by one conditional update; then the change is cleared. A
 * change left behind is finished or abandoned by {@link #recover} (the scheduler calls it), and
 * every step is conditional on the change's id, so the request and a recovery can never both apply it.
 */
@Service
public class SubscriptionChanges {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionChanges.class);
    private static final int ATTEMPTS = 20;

    private final Customers customers;
    private final CustomerSuspensions suspensions;
    private final Catalogue catalogue;
    private final SubscriptionQueries subscriptions;
    private final UnitChangeStore changes;
    private final Inventory inventory;
    private final Clock clock;

    SubscriptionChanges(Customers customers, CustomerSuspensions suspensions, Catalogue catalogue,
                        SubscriptionQueries subscriptions, UnitChangeStore changes, Inventory inventory, Clock clock) {
        this.customers = customers;
        this.suspensions = suspensions;
        this.catalogue = catalogue;
        this.subscriptions = subscriptions;
        this.changes = changes;
        this.inventory = inventory;
        this.clock = clock;
    }

    /** Adds a plan with the rules of ASSIGN_PLANS; plans the customer already holds satisfy requirements. */
    public Subscription add(String partnerId, String customerId, String planCode, int units, LocalDate startDate,
                             boolean acceptPaidPlans) {
        if (!customers.isOf(partnerId, customerId)) {
            throw Refusal.notFound("Customer", customerId);
        }
        List<FieldError> errors = new ArrayList<>();
        if (startDate != null && startDate.isBefore(Subscription.today(clock))) {
            errors.add(new FieldError("startDate", "must be today or later (UTC)"));
        }
        if (planCode == null || planCode.isBlank()) {
            errors.add(new FieldError("planCode", "is required"));
            throw Refusal.invalid(errors);
        }
        Set<String> held = subscriptions.liveOf(partnerId, customerId).stream().map(Subscription::planCode)
                .collect(Collectors.toSet());
        for (Violation v : catalogue.violations(List.of(new RequestedPlan(planCode, units, startDate)),
                acceptPaidPlans, held)) {
            errors.add(new FieldError(bodyField(v.field()), v.code() + ": " + v.message()));
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        if (held.contains(planCode)) {
            throw Refusal.conflict("PLAN_ALREADY_SUBSCRIBED", "Conflict",
                    customerId + " already subscribes to " + planCode + "; change its units instead");
        }

        // Added while the customer is suspended: its billing is paused from the start (it does not start before
        // the resume, whatever its start date).
        Subscription target = Subscription.create(Ids.newId(), partnerId, customerId, null,
                planCode, units, startDate, clock)
                .withBillingPausedAt(customers.suspendedSince(partnerId, customerId).orElse(null));
        PendingChange change = new PendingChange(UUID.randomUUID().toString(), PendingChange.Kind.ADD, 0, units,
                clock.instant());
        if (!changes.insertPending(target, change)) {
            throw Refusal.conflict("PLAN_ALREADY_SUBSCRIBED", "Conflict",
                    customerId + " already subscribes to " + planCode + "; change its units instead");
        }
        if (!customers.isOf(partnerId, customerId)) {
            // The onboarding was compensated after our first look. Its compensation deletes the customer
            // before it looks for subscriptions, so it either saw this addition (and took it over) or
            // we see the customer gone here; nothing is allocated yet, so removing it is all there is.
            changes.discardPending(target.id());
            throw Refusal.notFound("Customer", customerId);
        }
        // A suspension or resumption recorded after our look may have missed this addition: apply the latest now.
        suspensions.applyToSubscriptions(partnerId, customerId);
        AllocationOutcome outcome = inventory.allocate(partnerId, planCode, target.id(), units);
        if (outcome instanceof AllocationOutcome.Insufficient(int available)) {
            changes.abandonAdd(target.id(), change.op());
            throw insufficient(planCode, units, available);
        }
        if (!changes.completeAdd(target.id(), change.op(), target.status(), target.billingStartedAt())) {
            // A recovery judged this addition dead, or a compensation took it over: give the units back.
            inventory.release(partnerId, planCode, target.id());
            if (!customers.isOf(partnerId, customerId)) {
                throw Refusal.notFound("Customer", customerId);
            }
            throw new IllegalStateException("addition of " + planCode + " to " + customerId + " was abandoned");
        }
        log.info("Added {} unit(s) of {} to customer {} of partner {}", units, planCode, customerId, partnerId);
        return doneOrGone(target.id());
    }

    /** Changes the units: the difference is taken from or returned to the inventory atomically. */
    public Subscription resize(String partnerId, String customerId, String subscriptionId, int units) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Subscription> found = customers.isOf(partnerId, customerId)
                    ? subscriptions.findOf(partnerId, customerId, subscriptionId) : Optional.empty();
            if (found.isEmpty()) {
                throw Refusal.notFound("Subscription", subscriptionId);
            }
            Subscription s = found.get();
            Plan plan = catalogue.findByCodes(List.of(s.planCode())).get(s.planCode());
            if (plan != null && !plan.allows(units)) {
                throw Refusal.invalid(List.of(new FieldError("units", "UNITS_OUT_OF_RANGE: "
                        + s.planCode() + " allows " + plan.minUnits() + " to " + plan.maxUnits())));
            }
            if (!s.status().isLive()) {
                throw Refusal.conflict("SUBSCRIPTION_CANCELLED", "Conflict", subscriptionId + " is cancelled");
            }
            if (units < s.users().size()) {
                throw Refusal.conflict("UNITS_BELOW_ASSIGNED", "Conflict", s.planCode() + ": " + s.users().size()
                        + " unit(s) are assigned to users, cannot go down to " + units);
            }
            if (subscriptions.pendingOf(subscriptionId).isPresent()) {
                throw Refusal.conflict("CHANGE_IN_PROGRESS", "Conflict",
                        subscriptionId + " is being changed; try again shortly");
            }
            if (units == s.units()) {
                return s;
            }
            PendingChange change = new PendingChange(UUID.randomUUID().toString(), PendingChange.Kind.RESIZE,
                    s.units(), units, clock.instant());
            if (units < s.units()) {
                if (changes.beginShrink(s.id(), s.units(), change)) {
                    finishShrinkOrCancel(s, change);
                    return doneOrGone(s.id());
                }
            } else if (changes.beginGrow(s.id(), s.units(), change)) {
                return grow(s, change);
            }
            // Someone changed it between our read and our write (a user took a unit, say): read again.
        }
        throw Refusal.conflict("CHANGE_IN_PROGRESS", "Conflict", subscriptionId + " keeps changing; try again");
    }

    /** Cancels: the subscription's users lose the service and its units go back to the inventory. */
    public Subscription cancel(String partnerId, String customerId, String subscriptionId) {
        Optional<Subscription> found = customers.isOf(partnerId, customerId)
                ? subscriptions.findOf(partnerId, customerId, subscriptionId) : Optional.empty();
        if (found.isEmpty()) {
            throw Refusal.notFound("Subscription", subscriptionId);
        }
        Subscription s = found.get();
        if (!s.status().isLive()) {
            // Cancelling again is a no-op, but the units of an interrupted cancellation still go back.
            subscriptions.pendingOf(s.id()).ifPresent(change -> finishShrinkOrCancel(s, change));
            return s;
        }
        PendingChange change = new PendingChange(UUID.randomUUID().toString(), PendingChange.Kind.CANCEL,
                s.units(), 0, clock.instant());
        if (!changes.beginCancel(s.id(), change, clock.instant())) {
            if (!customers.isOf(partnerId, customerId)) {
                throw Refusal.notFound("Subscription", subscriptionId);
            }
            throw Refusal.conflict("CHANGE_IN_PROGRESS", "Conflict", subscriptionId + " is being changed; try again");
        }
        finishShrinkOrCancel(s, change);
        log.info("Cancelled subscription {} ({} unit(s) of {}) of customer {}", s.id(), s.units(), s.planCode(),
                customerId);
        return doneOrGone(s.id());
    }

    /**
     * Finishes or abandons a change its request left behind (the process died, say). Safe to run
     * while the request is still going: every write is conditional on the change's id.
     */
    public void recover(Subscription s, PendingChange change) {
        Integer held = inventory.holdingOf(s.partnerId(), s.planCode(), s.id());
        switch (change.kind()) {
            case ADD -> {
                if (!customers.isOf(s.partnerId(), s.customerId())) {
                    // The customer's onboarding was compensated: the addition never completes.
                    if (changes.abandonAdd(s.id(), change.op())) {
                        inventory.release(s.partnerId(), s.planCode(), s.id());
                    }
                } else if (held != null && held == change.to()) {
                    Subscription target = Subscription.create(s.id(), s.partnerId(), s.customerId(), null,
                            s.planCode(), s.units(), s.startDate(), clock);
                    changes.completeAdd(s.id(), change.op(), target.status(), target.billingStartedAt());
                } else if (changes.abandonAdd(s.id(), change.op())) {
                    // The request may still take the units after this; it then sees its addition gone and returns them.
                    inventory.release(s.partnerId(), s.planCode(), s.id());
                }
            }
            case RESIZE -> {
                if (change.to() < change.from()) {
                    finishShrinkOrCancel(s, change);
                } else if (held != null && held == change.to()) {
                    changes.completeGrow(s.id(), change);
                } else {
                    changes.endChange(s.id(), change.op());
                }
            }
            case CANCEL -> finishShrinkOrCancel(s, change);
        }
        log.info("Recovered {} change {} of subscription {}", change.kind(), change.op(), s.id());
    }

    /**
     * The compensation of the customer's onboarding: every subscription of the customer (added by the
     * saga or later through the API, live, cancelled or PENDING) is deleted and whatever its holding
     * holds now goes back to the inventory. The caller deleted the customer record first, so no new
     * request starts, and a request already running sees the customer gone after its next write.
     *
     * <p>A change in flight loses: a subscription that is not PENDING is deleted, so the request's
     * next conditional write misses (a growth's resize then finds no holding, a shrink or cancel has
     * nothing left to return). A PENDING addition may still allocate after we looked, and its request
     * may die before giving the units back; so it is not deleted but taken over ({@link
     * UnitChangeStore#supersedeAdd}): its request can no longer complete it, and the scheduler's
     * recovery removes it after the stale limit and returns whatever it then holds. Safe to repeat.
     *
     * @return the units given back
     */
    public int discardAllOf(String partnerId, String customerId) {
        int released = 0;
        for (Subscription s : subscriptions.allOf(partnerId, customerId)) {
            released += discard(s);
        }
        return released;
    }

    private int discard(Subscription s) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<Subscription> current = subscriptions.find(s.id());
            if (current.isEmpty()) {
                break;
            }
            if (current.get().status() != SubscriptionStatus.PENDING) {
                changes.deleteSettled(s.id());
                break;
            }
            Optional<PendingChange> change = subscriptions.pendingOf(s.id());
            if (change.isPresent() && changes.supersedeAdd(s.id(), change.get().op(),
                    UUID.randomUUID().toString(), clock.instant())) {
                break;
            }
            // It completed or vanished between our reads: look again.
        }
        return inventory.release(s.partnerId(), s.planCode(), s.id());
    }

    private Subscription grow(Subscription s, PendingChange change) {
        AllocationOutcome outcome = inventory.resize(s.partnerId(), s.planCode(), s.id(), change.from(), change.to());
        if (outcome instanceof AllocationOutcome.Insufficient(int available)) {
            changes.endChange(s.id(), change.op());
            // A compensation that released the holding makes the resize miss too.
            throw customers.isOf(s.partnerId(), s.customerId())
                    ? insufficient(s.planCode(), change.to() - change.from(), available)
                    : Refusal.notFound("Subscription", s.id());
        }
        if (!changes.completeGrow(s.id(), change)) {
            // A recovery abandoned this growth, or a compensation deleted the subscription: give the
            // extra units back (a miss here means the compensation already returned them all).
            inventory.resize(s.partnerId(), s.planCode(), s.id(), change.to(), change.from());
            if (!customers.isOf(s.partnerId(), s.customerId())) {
                throw Refusal.notFound("Subscription", s.id());
            }
            throw new IllegalStateException("growth of " + s.id() + " was abandoned");
        }
        return doneOrGone(s.id());
    }

    /** The subscription already gave the units up; now the inventory takes them back. */
    private void finishShrinkOrCancel(Subscription s, PendingChange change) {
        if (change.to() == 0) {
            inventory.release(s.partnerId(), s.planCode(), s.id());
        } else {
            inventory.resize(s.partnerId(), s.planCode(), s.id(), change.from(), change.to());
        }
        changes.endChange(s.id(), change.op());
    }

    /** The subscription as the change left it; gone when a compensation deleted it meanwhile. */
    /** The subscription as written; gone when a compensation deleted it meanwhile. */
    private Subscription doneOrGone(String id) {
        return subscriptions.find(id).orElseThrow(() -> Refusal.notFound("Subscription", id));
    }

    private static Refusal insufficient(String planCode, int asked, int available) {
        return Refusal.conflict(Violation.INSUFFICIENT_LICENSES, "Conflict",
                planCode + ": " + asked + " units asked, " + available + " available");
    }

    /** A plan-list field as the single-plan request body names it: {@code plans[0].units} is {@code units}. */
    private static String bodyField(String field) {
        return field.startsWith("plans[0].") ? field.substring("plans[0].".length()) : field;
    }
}
