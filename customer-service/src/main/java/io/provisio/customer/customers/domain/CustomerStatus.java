package io.provisio.customer.customers.domain;

/** Where a customer is in its life: registered by a running onboarding, live, or suspended by its partner. */
public enum CustomerStatus {
    /** Registered by an onboarding that may still be rolled back. */
    PROVISIONING,
    ACTIVE,
    SUSPENDED;

    /** A customer in this state may be named as a parent: a PROVISIONING one may still be rolled back. */
    public boolean mayBeParent() {
        return this != PROVISIONING;
    }
}
