package io.provisio.subscription.assignment.domain;

/**
 * What one saga takes of one plan: recorded before the units are taken, so a compensation (or a
 * redo after a crash) knows exactly which holdings to give back, even if the saga never got as far
 * as creating its subscriptions.
 *
 * @param id             saga id + "/" + plan code
 * @param subscriptionId the subscription the units are for; the inventory holds them under this key
 */
public record Allocation(String id, String partnerId, String sagaId, String customerId, String planCode,
                         int units, String subscriptionId) {

    public static Allocation of(String partnerId, String sagaId, String customerId, String planCode, int units,
                                String subscriptionId) {
        return new Allocation(idOf(sagaId, planCode), partnerId, sagaId, customerId, planCode, units, subscriptionId);
    }

    public static String idOf(String sagaId, String planCode) {
        return sagaId + "/" + planCode;
    }
}
