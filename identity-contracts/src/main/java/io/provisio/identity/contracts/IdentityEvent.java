package io.provisio.identity.contracts;

/** Domain events on {@code identity-events}; a subscriber ignores the ones it has no use for. */
public sealed interface IdentityEvent extends IdentityMessage
        permits UserCreated, UserDeleted, ActivationLinkRequested {
}
