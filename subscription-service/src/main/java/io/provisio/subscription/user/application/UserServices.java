package io.provisio.subscription.user.application;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.provisio.platform.refusal.Refusal;
import io.provisio.platform.web.FieldError;
import io.provisio.subscription.catalog.application.Catalogue;
import io.provisio.subscription.customer.application.Customers;
import io.provisio.subscription.subscriptions.application.UserUnits;
import io.provisio.subscription.subscriptions.domain.Subscription;
import io.provisio.subscription.user.persistence.UserStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A user's services: the plans whose subscription gives the user one of its units.
 *
 * <p>Taking and giving back a unit are single conditional updates of the subscription, so two
 * requests never hand out its last unit twice. A user deleted while its services are being set
 * cannot keep a unit: deletion first writes the tombstone and then gives back every unit; setting
 * services first takes the unit and then looks for the tombstone, giving the unit back if it finds one.
 */
@Service
public class UserServices {

    /** As many as an onboarding may ask for (ADR 012): a user cannot use more plans than a customer can have. */
    static final int MAX_PLAN_CODES = 50;

    private static final Logger log = LoggerFactory.getLogger(UserServices.class);

    private final Customers customers;
    private final UserStore users;
    private final UserUnits units;
    private final Catalogue catalogue;
    private final Clock clock;

    UserServices(Customers customers, UserStore users, UserUnits units, Catalogue catalogue, Clock clock) {
        this.customers = customers;
        this.users = users;
        this.units = units;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    public void created(String partnerId, String customerId, String userId, String upn) {
        if (users.insertIfMissing(partnerId, customerId, userId, upn, clock.instant())) {
            log.info("User {} of customer {} is known now", userId, customerId);
        }
    }

    public void deleted(String partnerId, String customerId, String userId) {
        users.markDeleted(partnerId, customerId, userId, clock.instant());
        long returned = units.giveBackAllOf(partnerId, customerId, userId);
        log.info("User {} of customer {} deleted: {} unit(s) given back", userId, customerId, returned);
    }

    /** The plan codes of the user's services; 404 for a user or customer the partner does not have. */
    public List<String> servicesOf(String partnerId, String customerId, String userId) {
        requireUser(partnerId, customerId, userId);
        return units.heldBy(partnerId, customerId, userId).stream().map(Subscription::planCode).toList();
    }

    /**
     * Sets the user's services to exactly {@code planCodes}: units of newly named plans are taken (all
     * or none: 409 NO_UNITS_LEFT names the first plan without a free unit), units of plans no longer
     * named go back. Repeating the same call changes nothing. While the customer is suspended, a call that
     * names a new plan is refused (409 CUSTOMER_SUSPENDED).
     */
    public List<String> setServices(String partnerId, String customerId, String userId, List<String> planCodes) {
        requireUser(partnerId, customerId, userId);
        Set<String> wanted = validate(planCodes);
        Map<String, Subscription> live = units.liveOf(partnerId, customerId).stream()
                .collect(Collectors.toMap(Subscription::planCode, Function.identity()));

        refuseNewServicesWhileSuspended(partnerId, customerId, userId, wanted, live);

        List<Subscription> taken = new ArrayList<>();
        for (String plan : wanted) {
            Subscription subscription = live.get(plan);
            if (subscription != null && subscription.users().contains(userId)) {
                continue;
            }
            if (subscription == null || !units.take(subscription.id(), userId)) {
                taken.forEach(s -> units.giveBack(s.id(), userId));
                throw Refusal.conflict("NO_UNITS_LEFT", "No units left",
                        subscription == null ? customerId + " has no subscription of " + plan
                                : plan + ": all " + subscription.units() + " unit(s) are assigned");
            }
            taken.add(subscription);
        }
        if (!taken.isEmpty() && !users.exists(partnerId, customerId, userId)) {
            // Deleted while we took its units: the deletion may have looked before we took them.
            taken.forEach(s -> units.giveBack(s.id(), userId));
            throw Refusal.notFound("User", userId);
        }
        for (Subscription held : units.heldBy(partnerId, customerId, userId)) {
            if (!wanted.contains(held.planCode())) {
                units.giveBack(held.id(), userId);
            }
        }
        return servicesOf(partnerId, customerId, userId);
    }

    /**
     * A suspended customer's users get no new services (ADR 017): a call that would give the user a plan it does
     * not hold now answers 409 {@code CUSTOMER_SUSPENDED} and changes nothing. Keeping or dropping services
     * still works (dropped units go back to the subscription).
     */
    private void refuseNewServicesWhileSuspended(String partnerId, String customerId, String userId,
                                                 Set<String> wanted, Map<String, Subscription> live) {
        boolean addsOne = wanted.stream().anyMatch(plan -> live.get(plan) == null
                || !live.get(plan).users().contains(userId));
        if (addsOne && customers.suspendedSince(partnerId, customerId).isPresent()) {
            throw Refusal.conflict("CUSTOMER_SUSPENDED", "Customer suspended",
                    "the customer is suspended; its users cannot be given new services until it is resumed");
        }
    }

    private Set<String> validate(List<String> planCodes) {
        if (planCodes == null) {
            throw Refusal.invalid(List.of(new FieldError("planCodes", "is required")));
        }
        if (planCodes.size() > MAX_PLAN_CODES) {
            // One error on the list, as the onboarding request's lists do; its entries are not judged one by one.
            throw Refusal.invalid(List.of(new FieldError("planCodes",
                    "must have at most " + MAX_PLAN_CODES + " entries")));
        }
        List<FieldError> errors = new ArrayList<>();
        Set<String> known = catalogue.findByCodes(planCodes).keySet();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < planCodes.size(); i++) {
            String code = planCodes.get(i);
            if (code == null || !known.contains(code)) {
                errors.add(new FieldError("planCodes[" + i + "]", "PLAN_NOT_FOUND: " + code
                        + " is not in the catalogue"));
            } else if (!seen.add(code)) {
                errors.add(new FieldError("planCodes[" + i + "]", code + " is named more than once"));
            }
        }
        if (!errors.isEmpty()) {
            throw Refusal.invalid(errors);
        }
        return seen;
    }

    private void requireUser(String partnerId, String customerId, String userId) {
        if (!customers.isOf(partnerId, customerId)) {
            throw Refusal.notFound("Customer", customerId);
        }
        if (!users.exists(partnerId, customerId, userId)) {
            throw Refusal.notFound("User", userId);
        }
    }
}
