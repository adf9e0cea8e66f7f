package io.provisio.customer.contracts;

/** Domain events on {@code customer-events}; a subscriber ignores the ones it has no use for. */
public sealed interface CustomerEvent extends CustomerMessage
        permits CustomerStatusChanged, OnboardingCompleted, OnboardingFailed {
}
