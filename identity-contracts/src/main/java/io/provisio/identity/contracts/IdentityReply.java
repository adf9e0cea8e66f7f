package io.provisio.identity.contracts;

/** Identity's saga replies on {@code saga-replies}: one type per outcome. */
public sealed interface IdentityReply extends IdentityMessage
        permits AdministratorCreated, AdministratorRejected, AdministratorDeleted {
}
