package io.provisio.subscription.subscriptions.application;

import java.util.List;

import io.provisio.subscription.subscriptions.domain.Subscription;
import io.provisio.subscription.subscriptions.persistence.SubscriptionQueries;
import io.provisio.subscription.subscriptions.persistence.UserUnitStore;
import org.springframework.stereotype.Service;

/**
 * The units of a customer's subscriptions its users hold (per-user services): taking and giving one back are
 * single conditional updates of the subscription, so two requests never hand out its last unit twice.
 */
@Service
public class UserUnits {

    private final UserUnitStore units;
    private final SubscriptionQueries queries;

    UserUnits(UserUnitStore units, SubscriptionQueries queries) {
        this.units = units;
        this.queries = queries;
    }

    /** The customer's SCHEDULED and ACTIVE subscriptions, by plan code. */
    public List<Subscription> liveOf(String partnerId, String customerId) {
        return queries.liveOf(partnerId, customerId);
    }

    /** The subscriptions in which the user holds a unit, by plan code. */
    public List<Subscription> heldBy(String partnerId, String customerId, String userId) {
        return queries.heldBy(partnerId, customerId, userId);
    }

    /** @return whether the user now holds a unit of it (false: none left, not live, or gone) */
    public boolean take(String subscriptionId, String userId) {
        return units.takeUnit(subscriptionId, userId);
    }

    /** @return whether this call gave the user's unit back */
    public boolean giveBack(String subscriptionId, String userId) {
        return units.returnUnit(subscriptionId, userId);
    }

    /** Gives back every unit the user holds of the customer's subscriptions; repeating it changes nothing. */
    public long giveBackAllOf(String partnerId, String customerId, String userId) {
        return units.returnUnitsOf(partnerId, customerId, userId);
    }
}
