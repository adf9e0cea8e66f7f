package io.provisio.identity.contracts;

/** Event on {@code identity-events}: the user is gone (deleted, or its onboarding compensated). */
public record UserDeleted(String customerId, String userId) implements IdentityEvent {
}
