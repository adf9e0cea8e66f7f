package io.provisio.identity.contracts;

/** Everything identity-service sends or is sent (ADR 020). */
public sealed interface IdentityMessage
        permits IdentityCommand, IdentityReply, IdentityEvent {
}
