package io.provisio.subscription.subscriptions.domain;

import java.time.Instant;

/**
 * A change of a subscription's units that is written to the subscription before the inventory is
 * touched, and removed once both agree. If the process dies in between, the scheduler finds it
 * (older than the stale limit) and finishes or abandons it, so no unit is ever lost or kept twice.
 *
 * @param op    unique per change; every write of the change is conditional on it
 * @param from  units the subscription's inventory holding had before the change
 * @param to    units it holds after the change (0 for a cancellation)
 * @param since when the change began (or a recovery last claimed it)
 */
public record PendingChange(String op, Kind kind, int from, int to, Instant since) {

    public enum Kind {
        /** A plan added through the API: the subscription is PENDING until its units are taken. */
        ADD,
        /** Units grow (the subscription grows after the inventory) or shrink (the inventory after it). */
        RESIZE,
        /** Cancelled: the subscription is CANCELLED first, then its units go back. */
        CANCEL
    }
}
