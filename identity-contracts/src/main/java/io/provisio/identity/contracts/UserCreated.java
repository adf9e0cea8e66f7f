package io.provisio.identity.contracts;

/** Event on {@code identity-events}: a user of a customer exists (administrator or user). */
public record UserCreated(String customerId, String userId, String upn, String email, String role) implements IdentityEvent {
}
