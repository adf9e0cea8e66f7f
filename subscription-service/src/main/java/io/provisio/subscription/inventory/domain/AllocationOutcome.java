package io.provisio.subscription.inventory.domain;

/** How an attempt to take units from a partner's inventory went. */
public sealed interface AllocationOutcome {

    /** This call took the units. */
    record Allocated() implements AllocationOutcome {
    }

    /** An earlier attempt with the same allocation id took them; nothing was taken twice. */
    record AlreadyApplied() implements AllocationOutcome {
    }

    /** Nothing was taken: fewer units are available than asked (0 when the partner has no inventory of the plan). */
    record Insufficient(int available) implements AllocationOutcome {
    }
}
