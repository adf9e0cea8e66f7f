package io.provisio.identity.contracts;

/** Commands to identity on {@code identity-commands}; a validate command is answered with a {@code DryRunReport}. */
public sealed interface IdentityCommand extends IdentityMessage
        permits CreateAdministrator, DeleteAdministrator, ValidateAdministrator {
}
