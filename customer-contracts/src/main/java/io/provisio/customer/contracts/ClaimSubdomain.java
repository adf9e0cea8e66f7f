package io.provisio.customer.contracts;

/**
 * From identity-service's setup page, outside any saga (ADR 026): make {@code <name>.<platform domain>} this customer's
 * sub-domain (of the envelope's partner), releasing the one it held. Answered with {@link SubdomainClaimed} or
 * {@link SubdomainTaken} straight to the command's {@code replyTo}. Idempotent: the same customer claiming the name it
 * holds is claimed again, so a retry after a crash or a lost answer works.
 *
 * @param name the label, by {@link SubdomainNames}; a command with another name does not decode (poison)
 */
public record ClaimSubdomain(String customerId, String name) implements CustomerCommand {

    public ClaimSubdomain {
        if (customerId == null || customerId.isBlank() || !SubdomainNames.valid(name)) {
            throw new IllegalArgumentException("ClaimSubdomain needs a customer id and a valid sub-domain name");
        }
    }
}
